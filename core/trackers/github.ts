/**
 * GitHub Issues (github.com, Enterprise Server, test servers through `apiUrl`) through @octokit/rest with the
 * throttling and retry plugins. Bundled on its own as dist/trackers/github.js (see load.ts).
 *
 * - Rate limits: plugin-throttling queues writes (one a second) and, for requests that notify people such as a
 *   new issue, one every 3 seconds: 20 creates a minute, under GitHub's 80 content-creating requests a minute. It
 *   waits out primary and secondary limits (403/429), honouring `Retry-After`.
 * - Reads (GET) are retried on 5xx by plugin-retry. The create (POST) is never retried blindly: after a 5xx
 *   answer the list is read again first, and only when it holds no ticket with the marker is the create sent
 *   again; a lost answer (no response at all) goes back to the engine, which looks again.
 * - findByMarkers lists the repository's issues with the label (`state=all`, paginated): the list reflects
 *   writes at once, the search endpoint does not.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { MARKER_PATTERN, TICKET_LABEL, TrackerError, type TicketRef, type Tracker, type TrackerConfig, type TrackerDeps, type TrackerFactory } from './types';

const ThrottledOctokit = Octokit.plugin(throttling, retry);
type Client = InstanceType<typeof ThrottledOctokit>;

const DEFAULT_API = 'https://api.github.com';
/** Pages of 100 issues read at most when looking for markers (10 000 tickets). */
const MAX_PAGES = 100;
const CREATE_ATTEMPTS = 4;

interface IssueLike {
  number: number;
  html_url: string;
  state: string;
  body?: string | null;
  repository_url?: string;
}

function repoOf(config: TrackerConfig): { owner: string; repo: string } {
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec((config.repo ?? '').trim());
  if (!m) throw new TrackerError('invalid', `Set the GitHub repository as OWNER/NAME (got "${config.repo ?? ''}").`);
  return { owner: m[1]!, repo: m[2]!.replace(/\.git$/, '') };
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { status: number; headers: Record<string, string | undefined>; data?: unknown };
  name?: string;
}

/** Turns an Octokit failure into a message a person can act on (never the token, never a stack). */
function toTrackerError(raw: unknown, what: string, signal?: AbortSignal): TrackerError {
  if (raw instanceof TrackerError) return raw;
  const err = (raw ?? {}) as HttpError;
  if (signal?.aborted) return new TrackerError('cancelled', 'Cancelled.');
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return new TrackerError('network', `${what}: GitHub did not answer in time.`);
  if (!err.response) {
    const cause = (raw as { cause?: { cause?: { code?: string }; code?: string; message?: string } })?.cause;
    const code = cause?.cause?.code ?? cause?.code ?? cause?.message ?? err.message ?? 'no response';
    return new TrackerError('network', `${what}: could not reach GitHub (${code}).`);
  }
  const status = err.response.status;
  const data = err.response.data as { message?: string; errors?: { message?: string; field?: string; code?: string }[] } | undefined;
  const detail = [data?.message, ...(data?.errors ?? []).map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(' '))].filter(Boolean).join('; ');
  if (status === 401) return new TrackerError('auth', `${what}: GitHub refused the credentials (401 ${detail || 'Bad credentials'}); sign in again.`, status);
  if ((status === 403 || status === 429) && /rate limit/i.test(detail)) return new TrackerError('rate-limit', `${what}: GitHub's rate limit was still exceeded after waiting (${status}).`, status);
  if (status === 403) return new TrackerError('auth', `${what}: GitHub denied access (403 ${detail}); the account needs write access to the repository (scope \`repo\`).`, status);
  if (status === 404 || status === 410) return new TrackerError('not-found', `${what}: not found on GitHub (${status}); check the repository and that the account can see it.`, status);
  if (status === 422 || status === 400) return new TrackerError('invalid', `${what}: GitHub rejected it (${status} ${detail}).`, status);
  if (status === 429) return new TrackerError('rate-limit', `${what}: GitHub answered 429 (too many requests) after retries.`, status);
  return new TrackerError('server', `${what}: GitHub answered ${status}${detail ? ` (${detail})` : ''}.`, status);
}

/** `https://github.com/o/r/issues/12`, `o/r#12` or `#12` (this repository) -> owner, repo, number. */
function issueOf(ref: Pick<TicketRef, 'key' | 'url'>, home: { owner: string; repo: string }): { owner: string; repo: string; number: number } | undefined {
  const url = /\/([\w.-]+)\/([\w.-]+)\/issues\/(\d+)(?:[/?#]|$)/.exec(ref.url);
  if (url) return { owner: url[1]!, repo: url[2]!, number: Number(url[3]) };
  const key = /^(?:([\w.-]+)\/([\w.-]+))?#(\d+)$/.exec(ref.key.trim());
  if (key) return { owner: key[1] ?? home.owner, repo: key[2] ?? home.repo, number: Number(key[3]) };
  return undefined;
}

export const createTracker: TrackerFactory = (config, deps) => new GitHubTracker(config, deps);

class GitHubTracker implements Tracker {
  readonly kind = 'github' as const;
  readonly target: string;
  private readonly octokit: Client;
  private readonly home: { owner: string; repo: string };
  private readonly timeoutMs: number;
  private readonly maxWaitMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly config: TrackerConfig, deps: TrackerDeps) {
    this.home = repoOf(config);
    this.target = `github ${this.home.owner}/${this.home.repo}`;
    this.timeoutMs = deps.timeoutMs ?? 60_000;
    this.maxWaitMs = deps.retry?.maxWaitMs ?? 120_000;
    this.log = deps.log ?? (() => undefined);
    const retries = deps.retry?.retries ?? 3;
    const wait = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number): boolean => {
      const ok = retryCount < retries && retryAfter * 1000 <= this.maxWaitMs;
      this.log(`GitHub ${kind} on ${options.method} ${options.url}: ${ok ? `retrying after ${retryAfter}s` : 'giving up'}`);
      return ok;
    };
    this.octokit = new ThrottledOctokit({
      auth: deps.credentials.token,
      baseUrl: (config.apiUrl?.trim() || DEFAULT_API).replace(/\/+$/, ''),
      userAgent: 'postmortem-vscode',
      log: { debug: () => undefined, info: () => undefined, warn: (m: string) => this.log(m), error: (m: string) => this.log(m) },
      throttle: { onRateLimit: wait('rate limit'), onSecondaryRateLimit: wait('secondary rate limit') },
      retry: { retries },
    });
  }

  /** A signal that ends the request when the caller cancels or when it takes longer than the timeout. */
  private signal(signal?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  }

  async findByMarkers(markers: readonly string[], signal?: AbortSignal): Promise<Map<string, TicketRef>> {
    const wanted = new Set(markers);
    const found = new Map<string, TicketRef>();
    if (wanted.size === 0) return found;
    try {
      let pages = 0;
      const iterator = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
        ...this.home, labels: TICKET_LABEL, state: 'all', per_page: 100, request: { signal: this.signal(signal) },
      });
      for await (const page of iterator) {
        for (const issue of page.data as IssueLike[]) {
          for (const m of (issue.body ?? '').matchAll(MARKER_PATTERN)) {
            // The oldest ticket wins should two ever carry the same marker (the list is newest first).
            if (wanted.has(m[1]!)) found.set(m[1]!, this.refOf(m[1]!, issue));
          }
        }
        if (++pages >= MAX_PAGES) {
          this.log(`GitHub: stopped looking for markers after ${MAX_PAGES} pages`);
          break;
        }
      }
    } catch (err) {
      throw toTrackerError(err, `Listing the issues of ${this.home.owner}/${this.home.repo}`, signal);
    }
    return found;
  }

  async create(draft: Parameters<Tracker['create']>[0], signal?: AbortSignal): Promise<TicketRef> {
    const what = `Creating "${draft.title.slice(0, 60)}"`;
    for (let attempt = 1; ; attempt++) {
      try {
        const { data } = await this.octokit.rest.issues.create({
          ...this.home,
          title: draft.title,
          body: draft.body,
          labels: draft.labels,
          ...(draft.assignee ? { assignees: [draft.assignee] } : {}),
          // A POST is never repeated by the retry plugin: a repeated create is how duplicates are made.
          request: { signal: this.signal(signal), retries: 0 },
        });
        return this.refOf(draft.marker, data as IssueLike);
      } catch (raw) {
        const err = toTrackerError(raw, what, signal);
        if (err.kind !== 'server' || attempt >= CREATE_ATTEMPTS) throw err;
        // GitHub answered 5xx: it may or may not have made the issue. Look before sending it again.
        const existing = (await this.findByMarkers([draft.marker], signal)).get(draft.marker);
        if (existing) return existing;
        const backoff = Math.min(this.maxWaitMs, 250 * 2 ** attempt);
        this.log(`${what}: GitHub answered ${err.status}; no ticket was made; retrying in ${backoff} ms`);
        await sleep(backoff, signal);
      }
    }
  }

  async status(refs: readonly Pick<TicketRef, 'marker' | 'key' | 'url'>[], signal?: AbortSignal): Promise<Map<string, TicketRef>> {
    const out = new Map<string, TicketRef>();
    for (const ref of refs) {
      const where = issueOf(ref, this.home);
      if (!where || (ref.url && !this.ownsUrl(ref.url))) continue;
      try {
        const { data } = await this.octokit.rest.issues.get({ owner: where.owner, repo: where.repo, issue_number: where.number, request: { signal: this.signal(signal) } });
        const issue = data as IssueLike;
        const moved = issue.repository_url && !issue.repository_url.toLowerCase().endsWith(`/repos/${where.owner}/${where.repo}`.toLowerCase());
        const state = moved ? 'moved' : issue.state === 'closed' ? 'closed' : 'open';
        out.set(ref.marker, { ...this.refOf(ref.marker, issue), key: ref.key, state, ...(moved ? { movedTo: issue.html_url } : {}) });
      } catch (raw) {
        const err = toTrackerError(raw, `Reading ${ref.key}`, signal);
        if (err.kind === 'not-found') out.set(ref.marker, { marker: ref.marker, key: ref.key, url: ref.url, state: 'deleted' });
        else throw err;
      }
    }
    return out;
  }

  /** Whether a ticket URL is on this GitHub (not a Jira key or another host's issue). */
  private ownsUrl(url: string): boolean {
    const api = new URL((this.config.apiUrl?.trim() || DEFAULT_API));
    const host = new URL(url, 'https://invalid.invalid').host;
    return host === api.host || host === api.host.replace(/^api\./, '') || (api.host === 'api.github.com' && host === 'github.com');
  }

  private refOf(marker: string, issue: IssueLike): TicketRef {
    return { marker, key: `#${issue.number}`, url: issue.html_url, state: issue.state === 'closed' ? 'closed' : 'open' };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TrackerError('cancelled', 'Cancelled.'));
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(new TrackerError('cancelled', 'Cancelled.')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
