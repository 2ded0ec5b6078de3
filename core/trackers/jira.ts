/**
 * Jira through jira.js 5.4.0: Cloud with Version3Client (email + API token, Basic), Data Center with
 * Version2Client (a personal access token as Bearer). Cloud gets the body in ADF, Data Center in wiki markup.
 *
 * Jira's only list of tickets by label is JQL search, and search lags writes. So the adapter also keeps the keys
 * it created in this session and reads them directly (GET issue is current; on Cloud they also go to the search
 * as `reconcileIssues`), and reads the project's issues newer than the newest one the index knows, one by one
 * (Jira numbers issues in sequence and never reuses a number), so an issue the index has not caught up with is
 * still found. A create whose answer was lost is settled by that look, never by creating blindly.
 */
import { Version2Client, Version3Client } from 'jira.js';
import { descriptionText, markdownToAdf, markdownToWiki } from './jiraBody';
import { markersIn, priorityRank, ticketLabels } from './drafts';
import { hostOf, networkFailure, retryPolicy, withRetry, type CallFailure } from './retry';
import {
  TICKET_LABEL,
  TrackerError,
  type TicketDraft,
  type TicketRef,
  type TicketState,
  type Tracker,
  type TrackerConfig,
  type TrackerDeps,
  type TrackerFactory,
} from './types';

const PAGE = 100;
const MAX_PAGES = 50;
/** Issue keys probed after a lost create, and how many missing keys in a row end the probe. */
const MAX_PROBES = 50;
const MISSES_TO_STOP = 3;
const PRIORITY_NAMES = { 1: 'Highest', 2: 'High', 3: 'Medium', 4: 'Low' } as const;
const FIELDS = ['summary', 'description', 'status', 'labels'];
/** Fields a project may not allow on create; the ticket is made without them rather than not at all. */
const OPTIONAL_FIELDS = ['duedate', 'priority'];

interface JiraIssue {
  id: string;
  key: string;
  fields?: { description?: unknown; status?: { statusCategory?: { key?: string } } };
}

export const createTracker: TrackerFactory = (config, deps) => new JiraTracker(config, deps);

class JiraTracker implements Tracker {
  readonly kind = 'jira' as const;
  readonly target: string;
  private readonly host: string;
  private readonly project: string;
  private readonly cloud: boolean;
  /** Marker -> issue this adapter created (search may not show it yet). */
  private readonly created = new Map<string, { id: string; key: string }>();
  /** Whether the last findByMarkers read every issue newer than the search index (see readNewest). */
  private lastLookConclusive = true;

  constructor(private readonly config: TrackerConfig, private readonly deps: TrackerDeps) {
    if (!config.apiUrl) throw new TrackerError('invalid', 'Jira needs the site address (e.g. https://your-team.atlassian.net).');
    if (!config.project) throw new TrackerError('invalid', 'Jira needs a project key (e.g. OPS).');
    if (!deps.credentials.token) {
      throw new TrackerError('auth', 'No Jira token: run Postmortem: Set Tracker Token (or, for the CLI, set JIRA_EMAIL and JIRA_API_TOKEN for Cloud, JIRA_PAT for Data Center).');
    }
    this.host = config.apiUrl.replace(/\/+$/, '');
    this.project = config.project.toUpperCase();
    this.cloud = !!deps.credentials.email;
    this.target = `jira ${this.project}`;
  }

  async findByMarkers(markers: readonly string[], signal?: AbortSignal): Promise<Map<string, TicketRef>> {
    const wanted = new Set(markers);
    const found = new Map<string, TicketRef>();
    this.lastLookConclusive = true;
    if (wanted.size === 0) return found;
    const take = (issue: JiraIssue): void => {
      for (const marker of markersIn(descriptionText(issue.fields?.description))) {
        if (wanted.has(marker) && !found.has(marker)) found.set(marker, this.ref(marker, issue));
      }
    };
    // Every project: a ticket moved to another project keeps its marker and must still count. Newest first: a
    // recent postmortem's tickets are on the first page.
    await this.search(`labels = "${TICKET_LABEL}" ORDER BY created DESC`, signal, (issue) => {
      take(issue);
      return found.size === wanted.size;
    });
    // Issues created in this session that the search index has not caught up with: a direct, current read.
    for (const marker of wanted) {
      const mine = this.created.get(marker);
      if (found.has(marker) || !mine) continue;
      const issue = await this.issue(mine.key, signal);
      if (issue) take(issue);
    }
    if (found.size < wanted.size) await this.readNewest(take, () => found.size === wanted.size, signal);
    return found;
  }

  /**
   * Reads, one by one, the project's issues newer than the newest the search index knows: Jira numbers issues in
   * sequence and never reuses a number, so those are exactly the ones a lagging search cannot show. Stops after a
   * few missing numbers in a row; `lastLookConclusive` is false when the bound ended the reading first.
   */
  private async readNewest(take: (issue: JiraIssue) => void, done: () => boolean, signal?: AbortSignal): Promise<void> {
    let highest = 0;
    for (const { key } of this.created.values()) if (key.startsWith(`${this.project}-`)) highest = Math.max(highest, issueNumber(key));
    await this.search(`project = "${this.project}" ORDER BY key DESC`, signal, (issue) => {
      highest = Math.max(highest, issueNumber(issue.key));
      return true;
    }, 1, 1);
    let misses = 0;
    for (let n = highest + 1; n <= highest + MAX_PROBES && misses < MISSES_TO_STOP && !done(); n++) {
      const issue = await this.issue(`${this.project}-${n}`, signal);
      if (!issue) {
        misses++;
        continue;
      }
      misses = 0;
      take(issue);
    }
    this.lastLookConclusive = done() || misses >= MISSES_TO_STOP;
  }

  async create(draft: TicketDraft, signal?: AbortSignal): Promise<TicketRef> {
    const rank = priorityRank(draft.priority);
    const fields: Record<string, unknown> = {
      project: { key: this.project },
      summary: draft.title.slice(0, 255),
      issuetype: { name: this.config.issueType || 'Task' },
      // Jira labels cannot hold spaces.
      labels: ticketLabels(this.config, draft, draft.type ? [`type-${draft.type}`] : []).map((l) => l.replace(/\s+/g, '-')),
      description: this.cloud ? markdownToAdf(draft.body) : markdownToWiki(draft.body),
    };
    if (draft.assignee) fields.assignee = this.cloud ? { accountId: draft.assignee } : { name: draft.assignee };
    if (draft.due) fields.duedate = draft.due;
    if (rank) fields.priority = { name: PRIORITY_NAMES[rank] };
    let ref: TicketRef;
    try {
      ref = await this.send(fields, draft.marker, signal);
    } catch (error) {
      // Due date and priority are often left off a project's create screen; the body carries both anyway.
      const refused = error instanceof TrackerError && error.kind === 'invalid' ? OPTIONAL_FIELDS.filter((f) => f in fields && new RegExp(`\\b${f}: `).test(error.message)) : [];
      if (refused.length === 0) throw error;
      this.deps.log?.(`Jira: ${this.project} does not take ${refused.join(' and ')} on create; sent without (the body names them)`);
      for (const f of refused) delete fields[f];
      ref = await this.send(fields, draft.marker, signal);
    }
    // Settled by looking: remember its key so the next look reads it directly.
    if (!this.created.has(draft.marker)) this.created.set(draft.marker, { id: '', key: ref.key });
    return ref;
  }

  private send(fields: Record<string, unknown>, marker: string, signal?: AbortSignal): Promise<TicketRef> {
    return this.call(
      signal,
      false,
      async () => {
        const client = this.client(signal);
        const made = client instanceof Version3Client
          ? await client.issues.createIssue({ fields } as never)
          : await client.issues.createIssue({ fields } as never);
        this.created.set(marker, { id: String(made.id), key: made.key });
        return this.ref(marker, { id: String(made.id), key: made.key });
      },
      () => this.settleLostCreate(marker, signal),
    );
  }

  async status(refs: readonly Pick<TicketRef, 'marker' | 'key' | 'url'>[], signal?: AbortSignal): Promise<Map<string, TicketRef>> {
    const out = new Map<string, TicketRef>();
    for (const ref of refs) {
      const key = issueKeyOf(ref);
      if (!key) {
        out.set(ref.marker, { ...ref, state: 'unknown' });
        continue;
      }
      const issue = await this.issue(key, signal);
      if (!issue) {
        out.set(ref.marker, { ...ref, state: 'deleted' });
        continue;
      }
      const current = this.ref(ref.marker, issue);
      // Jira answers for a moved issue's old key with the issue under its new key.
      if (issue.key.toUpperCase() !== key.toUpperCase()) out.set(ref.marker, { ...current, state: 'moved', movedTo: current.url });
      else out.set(ref.marker, current);
    }
    return out;
  }

  /** After a create that may have happened: undefined means a conclusive look found nothing, so creating again is safe. */
  private async settleLostCreate(marker: string, signal?: AbortSignal): Promise<TicketRef | undefined> {
    const found = (await this.findByMarkers([marker], signal)).get(marker);
    if (found) {
      this.deps.log?.(`Jira: ${found.key} carries ${marker}; it was made by the request whose answer was lost`);
      return found;
    }
    if (!this.lastLookConclusive) {
      throw new TrackerError('network', 'Jira may have created this ticket (its answer was lost) and it cannot be found yet; run again in a minute.');
    }
    return undefined;
  }

  /** Reads search pages until `visit` says enough or the pages end. */
  private async search(jql: string, signal: AbortSignal | undefined, visit: (issue: JiraIssue) => boolean, pages = MAX_PAGES, pageSize = PAGE): Promise<void> {
    let nextPageToken: string | undefined;
    for (let page = 0; page < pages; page++) {
      const client = this.client(signal);
      let issues: JiraIssue[];
      let more: boolean;
      if (client instanceof Version3Client) {
        const reconcileIssues = [...this.created.values()].map((c) => Number(c.id)).filter((id) => id > 0);
        const result = await this.call(signal, true, () => client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({
          jql, fields: FIELDS, maxResults: pageSize, ...(nextPageToken ? { nextPageToken } : {}),
          ...(reconcileIssues.length ? { reconcileIssues } : {}),
        }));
        issues = (result.issues ?? []) as JiraIssue[];
        nextPageToken = result.nextPageToken ?? undefined;
        more = !!nextPageToken;
      } else {
        const startAt = page * pageSize;
        const result = await this.call(signal, true, () => client.issueSearch.searchForIssuesUsingJql({ jql, fields: FIELDS, maxResults: pageSize, startAt }));
        issues = (result.issues ?? []) as JiraIssue[];
        more = issues.length > 0 && startAt + issues.length < (result.total ?? 0);
      }
      for (const issue of issues) if (visit(issue)) return;
      if (!more) return;
    }
  }

  /** One issue by key, or undefined when Jira says it does not exist (404). */
  private async issue(key: string, signal?: AbortSignal): Promise<JiraIssue | undefined> {
    try {
      const client = this.client(signal);
      const parameters = { issueIdOrKey: key, fields: FIELDS };
      return (await this.call(signal, true, () =>
        client instanceof Version3Client ? client.issues.getIssue(parameters) : client.issues.getIssue(parameters))) as JiraIssue;
    } catch (error) {
      if (error instanceof TrackerError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  private ref(marker: string, issue: { id: string; key: string; fields?: JiraIssue['fields'] }): TicketRef {
    const category = issue.fields?.status?.statusCategory?.key;
    const state: TicketState = category === 'done' ? 'closed' : 'open';
    return { marker, key: issue.key, url: `${this.host}/browse/${issue.key}`, state };
  }

  private call<T>(signal: AbortSignal | undefined, idempotent: boolean, op: () => Promise<T>, recover?: () => Promise<T | undefined>): Promise<T> {
    const { token, email } = this.deps.credentials;
    const secrets = [token, ...(email ? [email, Buffer.from(`${email}:${token}`).toString('base64')] : [])];
    return withRetry(op, {
      service: 'Jira', host: hostOf(this.host), policy: retryPolicy(this.deps), signal, idempotent,
      read: readFailure, log: this.deps.log, secrets, recover,
    });
  }

  /** A client whose requests carry this call's signal and timeout (jira.js takes both per client). */
  private client(signal?: AbortSignal): Version3Client | Version2Client {
    const baseRequestConfig = { timeout: this.deps.timeoutMs ?? 30_000, ...(signal ? { signal } : {}) };
    const { token, email } = this.deps.credentials;
    if (email) return new Version3Client({ host: this.host, authentication: { basic: { email, apiToken: token } }, baseRequestConfig });
    // A Data Center personal access token is a Bearer token, which jira.js sends for an OAuth 2.0 access token.
    return new Version2Client({ host: this.host, authentication: { oauth2: { accessToken: token } }, baseRequestConfig });
  }
}

function issueNumber(key: string): number {
  const n = Number(/-(\d+)$/.exec(key)?.[1]);
  return Number.isFinite(n) ? n : 0;
}

/** `OPS-12` from the key, or from a `/browse/OPS-12` URL. */
function issueKeyOf(ref: Pick<TicketRef, 'key' | 'url'>): string | undefined {
  const fromKey = /^[A-Z][A-Z0-9_]*-\d+$/i.exec(ref.key?.trim() ?? '');
  if (fromKey) return fromKey[0];
  return /\/browse\/([A-Z][A-Z0-9_]*-\d+)/i.exec(ref.url ?? '')?.[1];
}

function readFailure(error: unknown): CallFailure | undefined {
  const e = error as { code?: unknown; cause?: { response?: { status?: number; headers?: unknown; data?: unknown } }; response?: { status?: number; headers?: unknown; data?: unknown } };
  if (e?.code === 'ERR_CANCELED') return { cancelled: true };
  const response = e?.cause?.response ?? e?.response;
  if (response && typeof response.status === 'number') {
    return { status: response.status, headers: response.headers as CallFailure['headers'], message: jiraMessage(response.data) };
  }
  const network = networkFailure(error);
  return network ? { network } : undefined;
}

/** Jira's error body: `{ errorMessages: [...], errors: { field: message } }`. */
function jiraMessage(data: unknown): string | undefined {
  if (typeof data === 'string') return data || undefined;
  const body = data as { errorMessages?: unknown; errors?: unknown } | undefined;
  const parts: string[] = [];
  if (Array.isArray(body?.errorMessages)) parts.push(...body.errorMessages.map(String));
  if (body?.errors && typeof body.errors === 'object') {
    for (const [field, message] of Object.entries(body.errors)) parts.push(`${field}: ${String(message)}`);
  }
  return parts.length ? parts.join('; ') : undefined;
}
