/**
 * GitLab (gitlab.com and self-managed) through @gitbeaker/rest. The adapter gives gitbeaker its own request
 * handler (gitbeaker's documented `requesterFn` extension point): the stock handler retries 429/502 ten times
 * within a fraction of a second and ignores Retry-After; ours makes one request and lets `withRetry` decide.
 * Tickets are found with the Issues list filtered by the label (current, unlike search), page by page.
 */
import { Issues, Users } from '@gitbeaker/rest';
import { createRequesterFn, getMatchingRateLimiter, type RateLimiterFn } from '@gitbeaker/requester-utils';
import { markersIn, priorityRank, ticketLabels } from './drafts';
import { hostOf, networkFailure, requestSignal, retryPolicy, withRetry, type CallFailure } from './retry';
import {
  TICKET_LABEL,
  TrackerError,
  type TicketDraft,
  type TicketRef,
  type Tracker,
  type TrackerConfig,
  type TrackerDeps,
  type TrackerFactory,
} from './types';

const PER_PAGE = 100;
/** 100 pages of 100: a project with more labelled tickets than this is beyond what one run reads. */
const MAX_PAGES = 100;
const PRIORITY_LABELS = { 1: 'priority::urgent', 2: 'priority::high', 3: 'priority::medium', 4: 'priority::low' } as const;

/** An HTTP answer other than 2xx, kept whole so retry can read its status and headers. */
class GitLabHttpError extends Error {
  constructor(readonly status: number, readonly headers: Headers, readonly text: string) {
    super(`GitLab answered ${status}`);
  }
}

interface GitLabIssue {
  id: number;
  iid: number;
  project_id: number;
  description?: string | null;
  state: string;
  web_url: string;
  moved_to_id?: number | null;
  references?: { full?: string; short?: string };
}

export const createTracker: TrackerFactory = (config, deps) => new GitLabTracker(config, deps);

class GitLabTracker implements Tracker {
  readonly kind = 'gitlab' as const;
  readonly target: string;
  private readonly host: string;
  private readonly project: string;
  private readonly userIds = new Map<string, number | null>();

  constructor(private readonly config: TrackerConfig, private readonly deps: TrackerDeps) {
    if (!config.project) throw new TrackerError('invalid', 'GitLab needs a project (group/name or its id).');
    if (!deps.credentials.token) throw new TrackerError('auth', 'No GitLab token: run Postmortem: Set Tracker Token (or set GITLAB_TOKEN for the CLI).');
    this.project = config.project;
    this.host = (config.apiUrl || 'https://gitlab.com').replace(/\/+$/, '').replace(/\/api\/v4$/, '');
    this.target = `gitlab ${config.project}`;
  }

  async findByMarkers(markers: readonly string[], signal?: AbortSignal): Promise<Map<string, TicketRef>> {
    const wanted = new Set(markers);
    const found = new Map<string, TicketRef>();
    if (wanted.size === 0) return found;
    const api = this.api(signal);
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data, paginationInfo } = await this.call(signal, true, () =>
        api.issues.all({
          projectId: this.project, labels: TICKET_LABEL, scope: 'all', state: 'all',
          // Newest first: the items of a recent postmortem are found on the first page.
          orderBy: 'created_at', sort: 'desc', perPage: PER_PAGE, page, showExpanded: true, maxPages: 1,
        }),
      );
      for (const issue of data as unknown as GitLabIssue[]) {
        for (const marker of markersIn(issue.description)) {
          if (wanted.has(marker) && !found.has(marker)) found.set(marker, this.ref(marker, issue));
        }
      }
      if (found.size === wanted.size || !paginationInfo.next) break;
    }
    return found;
  }

  async create(draft: TicketDraft, signal?: AbortSignal): Promise<TicketRef> {
    const api = this.api(signal);
    const assigneeIds = draft.assignee ? await this.userId(draft.assignee, signal) : undefined;
    const rank = priorityRank(draft.priority);
    const extra = [rank ? PRIORITY_LABELS[rank] : undefined, draft.type ? `type::${draft.type}` : undefined];
    const labels = ticketLabels(this.config, draft, extra.filter((l): l is string => !!l));
    return this.call(
      signal,
      false,
      async () => {
        const issue = await api.issues.create(this.project, draft.title, {
          description: draft.body,
          labels: labels.join(','),
          ...(assigneeIds !== undefined ? { assigneeIds: [assigneeIds] } : {}),
          ...(draft.due ? { dueDate: draft.due } : {}),
        });
        return this.ref(draft.marker, issue as unknown as GitLabIssue);
      },
      // The list is current: if the lost request made the issue, it is there; if not, creating again is safe.
      async () => (await this.findByMarkers([draft.marker], signal)).get(draft.marker),
    );
  }

  async status(refs: readonly Pick<TicketRef, 'marker' | 'key' | 'url'>[], signal?: AbortSignal): Promise<Map<string, TicketRef>> {
    const api = this.api(signal);
    const out = new Map<string, TicketRef>();
    for (const ref of refs) {
      const located = this.locate(ref);
      if (!located) {
        out.set(ref.marker, { ...ref, state: 'unknown' });
        continue;
      }
      try {
        const issue = await this.call(signal, true, () =>
          api.issues.show(located.iid, { projectId: located.project }) as unknown as Promise<GitLabIssue>);
        const current = this.ref(ref.marker, issue);
        if (issue.moved_to_id) {
          current.state = 'moved';
          current.movedTo = await this.movedTo(api, issue.moved_to_id, signal);
        }
        out.set(ref.marker, current);
      } catch (error) {
        if (error instanceof TrackerError && error.kind === 'not-found') out.set(ref.marker, { ...ref, state: 'deleted' });
        else throw error;
      }
    }
    return out;
  }

  /** Where a moved issue went: its URL when the token may read it (GET /issues/:id), else its global id. */
  private async movedTo(api: ReturnType<GitLabTracker['api']>, id: number, signal?: AbortSignal): Promise<string> {
    try {
      const target = await this.call(signal, true, () => api.issues.show(id) as unknown as Promise<GitLabIssue>);
      return target.web_url;
    } catch (error) {
      if (error instanceof TrackerError && (error.kind === 'not-found' || error.kind === 'auth')) return `GitLab issue id ${id}`;
      throw error;
    }
  }

  private async userId(username: string, signal?: AbortSignal): Promise<number | undefined> {
    const name = username.replace(/^@/, '');
    if (!this.userIds.has(name)) {
      const users = await this.call(signal, true, () =>
        this.api(signal).users.all({ username: name } as never) as unknown as Promise<{ id: number; username: string }[]>);
      const user = users.find((u) => u.username.toLowerCase() === name.toLowerCase());
      this.userIds.set(name, user?.id ?? null);
      if (!user) this.deps.log?.(`GitLab: no user "${name}"; the ticket is created without an assignee.`);
    }
    return this.userIds.get(name) ?? undefined;
  }

  private ref(marker: string, issue: GitLabIssue): TicketRef {
    return {
      marker,
      key: issue.references?.full ?? `${this.project}#${issue.iid}`,
      url: issue.web_url,
      state: issue.moved_to_id ? 'moved' : issue.state === 'closed' ? 'closed' : 'open',
    };
  }

  /** The project and iid of a linked ticket: from its URL (`…/group/name/-/issues/12`) or key (`group/name#12`, `#12`). */
  private locate(ref: Pick<TicketRef, 'key' | 'url'>): { project: string; iid: number } | undefined {
    const fromUrl = /^https?:\/\/[^/]+\/(.+?)\/-\/issues\/(\d+)/.exec(ref.url ?? '');
    if (fromUrl) return { project: decodeURIComponent(fromUrl[1]!), iid: Number(fromUrl[2]) };
    const fromKey = /^([^#\s]*)#(\d+)$/.exec(ref.key ?? '');
    if (fromKey) return { project: fromKey[1] || this.project, iid: Number(fromKey[2]) };
    return undefined;
  }

  private call<T>(signal: AbortSignal | undefined, idempotent: boolean, op: () => Promise<T>, recover?: () => Promise<T | undefined>): Promise<T> {
    return withRetry(op, {
      service: 'GitLab', host: hostOf(this.host), policy: retryPolicy(this.deps), signal, idempotent,
      read: readFailure, log: this.deps.log, secrets: [this.deps.credentials.token], recover,
    });
  }

  /** gitbeaker resources whose requests carry this call's signal and the per-request timeout. */
  private api(signal?: AbortSignal) {
    const requesterFn = createRequesterFn((_, options) => Promise.resolve(options), singleRequest(signal, this.deps.timeoutMs));
    const options = { host: this.host, token: this.deps.credentials.token, requesterFn, queryTimeout: 0 };
    return { issues: new Issues(options), users: new Users(options) };
  }
}

interface HandlerOptions {
  prefixUrl?: string;
  searchParams?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  rateLimiters?: Record<string, RateLimiterFn | { method: string; limit: RateLimiterFn }>;
}

/** One HTTP request, no retries (those are `withRetry`'s), gitbeaker's client-side rate limiter kept. */
function singleRequest(signal: AbortSignal | undefined, timeoutMs: number | undefined) {
  return async (endpoint: string, options?: Record<string, unknown>) => {
    const { prefixUrl = '', searchParams, method = 'GET', headers, body, rateLimiters } = (options ?? {}) as HandlerOptions;
    await getMatchingRateLimiter(endpoint, rateLimiters, method)();
    const url = new URL(endpoint, prefixUrl.endsWith('/') ? prefixUrl : `${prefixUrl}/`);
    url.search = searchParams ?? '';
    const response = await fetch(url, { method, headers, body, signal: requestSignal(signal, timeoutMs ?? 30_000) });
    if (!response.ok) throw new GitLabHttpError(response.status, response.headers, await response.text().catch(() => ''));
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const text = response.status === 204 ? '' : await response.text();
    const parsed: unknown = type === 'application/json' && text ? JSON.parse(text) : text;
    return { body: parsed as never, headers: Object.fromEntries(response.headers.entries()), status: response.status };
  };
}

function readFailure(error: unknown): CallFailure | undefined {
  if (error instanceof GitLabHttpError) {
    let message = error.text;
    try {
      const parsed = JSON.parse(error.text) as { message?: unknown; error?: unknown };
      const value = parsed.message ?? parsed.error;
      if (value !== undefined) message = typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      // Plain-text answers (429 "Retry later") are their own message.
    }
    // GitLab answers some throttles with 403 and a "rate limit" text.
    const rateLimited = error.status === 403 && /rate limit/i.test(message);
    return { status: error.status, headers: error.headers, message, rateLimited };
  }
  const network = networkFailure(error);
  return network ? { network } : undefined;
}
