/**
 * Linear through @linear/sdk's GraphQL client (`LinearGraphQLClient`, the transport `LinearClient` itself uses)
 * with a handful of lean documents: the full `LinearClient` would pull every generated model into the bundle and
 * fetch each relation in a separate request. Errors go through the SDK's own `parseLinearError`.
 *
 * Never twice: each ticket is created with a client-chosen id derived from the item's marker (a UUID in v4 form
 * made from a SHA-256 of the marker), so creating again is harmless and finding is a read by id, which is current.
 */
import { createHash } from 'node:crypto';
import { LinearGraphQLClient, parseLinearError } from '@linear/sdk';
import { markersIn, priorityRank, ticketLabels } from './drafts';
import { hostOf, networkFailure, requestSignal, retryPolicy, withRetry, type CallFailure } from './retry';
import {
  TrackerError,
  type TicketDraft,
  type TicketRef,
  type TicketState,
  type Tracker,
  type TrackerConfig,
  type TrackerDeps,
  type TrackerFactory,
} from './types';

const API_URL = 'https://api.linear.app/graphql';
const BATCH = 50;

export const TEAM_QUERY = /* GraphQL */ `query PostmortemTeam($key: String!) {
  teams(filter: { key: { eq: $key } }, first: 1) { nodes { id key name } }
}`;
export const LABELS_QUERY = /* GraphQL */ `query PostmortemLabels($names: [String!]!) {
  issueLabels(filter: { name: { in: $names } }, first: 250) { nodes { id name team { id } } }
}`;
export const LABEL_CREATE = /* GraphQL */ `mutation PostmortemLabelCreate($input: IssueLabelCreateInput!) {
  issueLabelCreate(input: $input) { success issueLabel { id name } }
}`;
export const USERS_QUERY = /* GraphQL */ `query PostmortemUser($who: String!) {
  users(filter: { or: [{ email: { eqIgnoreCase: $who } }, { displayName: { eqIgnoreCase: $who } }, { name: { eqIgnoreCase: $who } }] }, first: 2) {
    nodes { id email displayName }
  }
}`;
export const ISSUE_CREATE = /* GraphQL */ `mutation PostmortemIssueCreate($input: IssueCreateInput!) {
  issueCreate(input: $input) { success issue { id identifier url description archivedAt trashed state { type } } }
}`;
export const ISSUES_BY_ID = /* GraphQL */ `query PostmortemIssues($ids: [ID!]!, $first: Int!) {
  issues(filter: { id: { in: $ids } }, first: $first, includeArchived: true) {
    nodes { id identifier url description archivedAt trashed state { type } }
  }
}`;
export const ISSUE_BY_KEY = /* GraphQL */ `query PostmortemIssue($id: String!) {
  issue(id: $id) { id identifier url description archivedAt trashed state { type } }
}`;

interface LinearIssue {
  id: string;
  identifier: string;
  url: string;
  description?: string | null;
  archivedAt?: string | null;
  trashed?: boolean | null;
  state: { type: string };
}

/** The id Linear stores for the item's ticket: the same marker always gives the same id. */
export function issueIdFor(marker: string): string {
  const hash = createHash('sha256').update(`postmortem-item:${marker}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x40;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const createTracker: TrackerFactory = (config, deps) => new LinearTracker(config, deps);

class LinearTracker implements Tracker {
  readonly kind = 'linear' as const;
  readonly target: string;
  private readonly apiUrl: string;
  private team?: { id: string; key: string };
  private readonly labelIds = new Map<string, string>();
  private readonly userIds = new Map<string, string | null>();

  constructor(private readonly config: TrackerConfig, private readonly deps: TrackerDeps) {
    if (!config.team) throw new TrackerError('invalid', 'Linear needs a team key (e.g. ENG).');
    if (!deps.credentials.token) throw new TrackerError('auth', 'No Linear API key: run Postmortem: Set Tracker Token (or set LINEAR_API_KEY for the CLI).');
    // A bare host (a proxy or test server) means its /graphql endpoint, as Linear's own.
    this.apiUrl = config.apiUrl ? config.apiUrl.replace(/\/+$/, '').replace(/^(https?:\/\/[^/]+)$/, '$1/graphql') : API_URL;
    this.target = `linear ${config.team}`;
  }

  async findByMarkers(markers: readonly string[], signal?: AbortSignal): Promise<Map<string, TicketRef>> {
    const found = new Map<string, TicketRef>();
    const byId = new Map(markers.map((m) => [issueIdFor(m), m]));
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const data = await this.request<{ issues: { nodes: LinearIssue[] } }>(ISSUES_BY_ID, { ids: batch, first: batch.length }, signal);
      for (const issue of data.issues.nodes) {
        const marker = byId.get(issue.id);
        // The id is ours only if the body still carries the marker; a deleted (trashed) ticket is no ticket.
        if (marker && markersIn(issue.description).includes(marker) && !issue.trashed) found.set(marker, this.ref(marker, issue));
      }
    }
    return found;
  }

  async create(draft: TicketDraft, signal?: AbortSignal): Promise<TicketRef> {
    const team = await this.teamOf(signal);
    const id = issueIdFor(draft.marker);
    const input: Record<string, unknown> = { id, teamId: team.id, title: draft.title, description: draft.body };
    const labels = ticketLabels(this.config, draft, draft.type ? [draft.type] : []);
    input.labelIds = await this.labelIdsFor(labels, team.id, signal);
    const assigneeId = draft.assignee ? await this.userId(draft.assignee, signal) : undefined;
    if (assigneeId) input.assigneeId = assigneeId;
    if (draft.due) input.dueDate = draft.due;
    // Linear: 0 none, 1 urgent, 2 high, 3 medium, 4 low; the shared 1-4 rank maps one to one.
    const rank = priorityRank(draft.priority);
    if (rank) input.priority = rank;
    try {
      const data = await this.request<{ issueCreate: { success: boolean; issue?: LinearIssue | null } }>(ISSUE_CREATE, { input }, signal);
      if (data.issueCreate.success && data.issueCreate.issue) return this.ref(draft.marker, data.issueCreate.issue);
    } catch (error) {
      // Linear may refuse a repeated id instead of answering with the issue: the ticket exists; read it.
      if (!(error instanceof TrackerError) || error.kind !== 'invalid') throw error;
      const existing = (await this.findByMarkers([draft.marker], signal)).get(draft.marker);
      if (existing) return existing;
      throw error;
    }
    const made = (await this.findByMarkers([draft.marker], signal)).get(draft.marker);
    if (made) return made;
    throw new TrackerError('server', 'Linear did not confirm the new issue; run again (the same issue id makes that safe).');
  }

  async status(refs: readonly Pick<TicketRef, 'marker' | 'key' | 'url'>[], signal?: AbortSignal): Promise<Map<string, TicketRef>> {
    const out = new Map<string, TicketRef>();
    const byMarker = await this.findByMarkers(refs.map((r) => r.marker).filter((m) => m.startsWith('pm-')), signal);
    for (const ref of refs) {
      let current = byMarker.get(ref.marker);
      const key = ref.key || /\/issue\/([A-Z0-9]+-\d+)/i.exec(ref.url)?.[1];
      if (!current && key) current = await this.byKey(ref.marker, key, signal);
      if (!current) out.set(ref.marker, { ...ref, state: 'deleted' });
      // Moved to another team: same issue, new identifier.
      else if (key && current.key !== key && /^[A-Z0-9]+-\d+$/i.test(key)) out.set(ref.marker, { ...current, state: 'moved', movedTo: current.url });
      else out.set(ref.marker, current);
    }
    return out;
  }

  private async byKey(marker: string, key: string, signal?: AbortSignal): Promise<TicketRef | undefined> {
    try {
      const data = await this.request<{ issue: LinearIssue | null }>(ISSUE_BY_KEY, { id: key }, signal);
      return data.issue && !data.issue.trashed ? this.ref(marker, data.issue) : undefined;
    } catch (error) {
      if (error instanceof TrackerError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  private ref(marker: string, issue: LinearIssue): TicketRef {
    const type = issue.state?.type;
    const state: TicketState = issue.trashed ? 'deleted' : type === 'completed' || type === 'canceled' ? 'closed' : 'open';
    return { marker, key: issue.identifier, url: issue.url, state };
  }

  private async teamOf(signal?: AbortSignal): Promise<{ id: string; key: string }> {
    if (!this.team) {
      const data = await this.request<{ teams: { nodes: { id: string; key: string }[] } }>(TEAM_QUERY, { key: this.config.team }, signal);
      const team = data.teams.nodes[0];
      if (!team) throw new TrackerError('not-found', `Linear has no team with the key ${this.config.team} (or the API key cannot see it).`);
      this.team = team;
    }
    return this.team;
  }

  /** Ids of the labels, made in the team when missing (a workspace label of the same name is used as is). */
  private async labelIdsFor(names: string[], teamId: string, signal?: AbortSignal): Promise<string[]> {
    const missing = names.filter((n) => !this.labelIds.has(n.toLowerCase()));
    if (missing.length) {
      const data = await this.request<{ issueLabels: { nodes: { id: string; name: string; team?: { id: string } | null }[] } }>(LABELS_QUERY, { names: missing }, signal);
      for (const label of data.issueLabels.nodes) {
        if (!label.team || label.team.id === teamId) this.labelIds.set(label.name.toLowerCase(), label.id);
      }
      for (const name of missing.filter((n) => !this.labelIds.has(n.toLowerCase()))) {
        // A label has no client-chosen id: after a lost answer, look for it by name before making it again.
        const lookAgain = async () => {
          const found = await this.request<{ issueLabels: { nodes: { id: string; name: string; team?: { id: string } | null }[] } }>(LABELS_QUERY, { names: [name] }, signal);
          const label = found.issueLabels.nodes.find((l) => !l.team || l.team.id === teamId);
          return label ? { issueLabelCreate: { issueLabel: { id: label.id } } } : undefined;
        };
        const made = await this.request<{ issueLabelCreate: { issueLabel: { id: string } } }>(LABEL_CREATE, { input: { name, teamId } }, signal, lookAgain);
        this.labelIds.set(name.toLowerCase(), made.issueLabelCreate.issueLabel.id);
      }
    }
    return names.map((n) => this.labelIds.get(n.toLowerCase())!);
  }

  /** A Linear user id as is, or the user with that email, display name or name. */
  private async userId(who: string, signal?: AbortSignal): Promise<string | undefined> {
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(who)) return who;
    const name = who.replace(/^@/, '');
    if (!this.userIds.has(name)) {
      const data = await this.request<{ users: { nodes: { id: string }[] } }>(USERS_QUERY, { who: name }, signal);
      const only = data.users.nodes.length === 1 ? data.users.nodes[0]!.id : null;
      this.userIds.set(name, only);
      if (!only) this.deps.log?.(`Linear: no single user "${name}"; the issue is created without an assignee.`);
    }
    return this.userIds.get(name) ?? undefined;
  }

  /**
   * One GraphQL request through the SDK's client. Reads, and issue creates (they carry their id), are safe to
   * repeat; anything else passes `recover`, which looks for what a lost request made before it is sent again.
   */
  private request<T>(document: string, variables: Record<string, unknown>, signal?: AbortSignal, recover?: () => Promise<T | undefined>): Promise<T> {
    const token = this.deps.credentials.token;
    return withRetry(
      () => {
        const client = new LinearGraphQLClient(this.apiUrl, {
          headers: { Authorization: token },
          signal: requestSignal(signal, this.deps.timeoutMs ?? 30_000),
        } as ConstructorParameters<typeof LinearGraphQLClient>[1]);
        return client.request<T, Record<string, unknown>>(document, variables);
      },
      { service: 'Linear', host: hostOf(this.apiUrl), policy: retryPolicy(this.deps), signal, idempotent: !recover, recover, read: readFailure, log: this.deps.log, secrets: [token] },
    );
  }
}

function readFailure(error: unknown): CallFailure | undefined {
  const network = networkFailure(error);
  if (network) return { network };
  const raw = error as { response?: { status?: number; headers?: CallFailure['headers']; errors?: { extensions?: { code?: string; type?: string } }[] } };
  if (!raw?.response) return undefined;
  const parsed = parseLinearError(error as never);
  const codes = (raw.response.errors ?? []).map((e) => `${e.extensions?.code ?? ''} ${e.extensions?.type ?? ''}`.toLowerCase());
  const rateLimited = codes.some((c) => c.includes('ratelimited'));
  const notFound = (parsed.errors ?? []).some((e) => /not found|could not find/i.test(e.message));
  const authFailed = codes.some((c) => c.includes('authentication'));
  const forbidden = codes.some((c) => c.includes('forbidden'));
  // GraphQL errors come with HTTP 200 or 400; give them the status their meaning has.
  const status = rateLimited ? raw.response.status ?? 400
    : authFailed ? 401 : forbidden ? 403 : notFound ? 404
      : raw.response.status && raw.response.status >= 400 ? raw.response.status : 400;
  return { status, headers: raw.response.headers, rateLimited, message: parsed.errors?.[0]?.message ?? parsed.message };
}
