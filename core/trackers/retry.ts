/**
 * Retry with backoff for the tracker adapters (GitLab, Jira, Linear; GitHub uses Octokit's own plugins).
 * Each adapter reads its client's error into a `CallFailure`; this module decides whether to wait and try again,
 * how long (Retry-After and the trackers' rate-limit headers first, exponential backoff with jitter otherwise),
 * and turns what is left into a `TrackerError` a person can act on. Nothing here logs a token: messages are built
 * from status codes and the tracker's own error text, and pass through `redact` with the adapter's secrets.
 */
import { isTrackerError, TrackerError, type RetryPolicy, type TrackerDeps } from './types';

/** Why no response came back: `refused` never reached the tracker; `lost` and `timeout` may have been processed. */
export type NetworkFailure = 'refused' | 'lost' | 'timeout';

type HeaderBag = { get(name: string): string | null } | Record<string, unknown>;

/** What one failed call tells us, read out of whichever client raised it. */
export interface CallFailure {
  /** HTTP status when a response came back. */
  status?: number;
  headers?: HeaderBag;
  /** A rate limit signalled in the body (Linear's GraphQL `RATELIMITED`, GitLab's 403 "rate limit"). */
  rateLimited?: boolean;
  network?: NetworkFailure;
  /** The tracker's own error text, if any. */
  message?: string;
  /** The caller's signal was aborted. */
  cancelled?: boolean;
}

export interface RetryOptions<T> {
  /** `GitLab`, `Jira`, `Linear`: used in messages. */
  service: string;
  /** Host only (no path, no credentials), for "could not reach …". */
  host: string;
  policy: RetryPolicy;
  signal?: AbortSignal;
  /** Reads the client's error; return undefined when it is not an HTTP/network failure (a bug: rethrown as is). */
  read(error: unknown): CallFailure | undefined;
  /**
   * True for reads. A call that creates something is not repeated after a failure that may have been processed
   * (5xx, lost response, timeout) unless `recover` says it was not.
   */
  idempotent: boolean;
  /**
   * For non-idempotent calls: looks again after an uncertain failure. Returns what the first call made, or
   * undefined when a current read shows it made nothing (safe to repeat); throws when it cannot tell.
   */
  recover?: () => Promise<T | undefined>;
  log?: (message: string) => void;
  /** Strings that must never appear in a message (tokens, emails). */
  secrets?: readonly string[];
  now?: () => number;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, maxWaitMs: 60_000, sleep: abortableSleep };
const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export function retryPolicy(deps: Pick<TrackerDeps, 'retry'>): RetryPolicy {
  return { ...DEFAULT_RETRY, ...deps.retry };
}

/** Waits `ms`, or rejects with TrackerError 'cancelled' as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelledError(): TrackerError {
  return new TrackerError('cancelled', 'Cancelled.');
}

export async function withRetry<T>(op: () => Promise<T>, options: RetryOptions<T>): Promise<T> {
  const { policy, signal, service } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const retries = Math.max(0, Math.floor(policy.retries));
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw cancelledError();
    try {
      return await op();
    } catch (error) {
      if (isTrackerError(error)) throw error;
      if (signal?.aborted) throw cancelledError();
      const failure = options.read(error);
      if (!failure) throw error;
      if (failure.cancelled) throw cancelledError();
      const rateLimited = isRateLimit(failure);
      const uncertain = !rateLimited && !options.idempotent && isUncertain(failure);
      const retryable = rateLimited || isServerError(failure) || failure.network !== undefined;
      if (!retryable || attempt >= retries) throw toTrackerError(failure, options, attempt);
      if (uncertain) {
        if (!options.recover) throw toTrackerError(failure, options, attempt);
        options.log?.(`${service}: ${describe(failure)}; looking for what the request may have created`);
        const made = await options.recover();
        if (made !== undefined) return made;
      }
      const wait = waitBeforeRetry(failure, attempt, now(), random);
      if (wait > policy.maxWaitMs) {
        throw new TrackerError(
          'rate-limit',
          `${service} asks to wait ${Math.ceil(wait / 1000)} s before the next request; try again later.`,
          failure.status,
        );
      }
      options.log?.(`${service}: ${describe(failure)}; retrying in ${Math.round(wait)} ms (${attempt + 1}/${retries})`);
      await policy.sleep(wait, signal);
    }
  }
}

function isRateLimit(f: CallFailure): boolean {
  return f.status === 429 || f.rateLimited === true;
}

function isServerError(f: CallFailure): boolean {
  return f.status !== undefined && f.status >= 500;
}

/**
 * May the tracker have done the work although we saw a failure? A 503 carrying Retry-After is the tracker saying
 * it declined the request; a refused connection never reached it.
 */
function isUncertain(f: CallFailure): boolean {
  if (f.network) return f.network !== 'refused';
  if (!isServerError(f)) return false;
  return !(f.status === 503 && header(f.headers, 'retry-after') !== undefined);
}

/** Milliseconds to wait: what the tracker asked for, else exponential backoff with jitter. */
export function waitBeforeRetry(f: CallFailure, attempt: number, now: number, random: () => number): number {
  const asked = askedWaitMs(f, now);
  if (asked !== undefined) return asked;
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
  // "Equal jitter": never less than half the step, so clients that failed together spread out without hammering.
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * The wait a response asks for: `Retry-After` (seconds or an HTTP date) on any 429/5xx; on a rate limit also the
 * reset headers: GitLab `RateLimit-Reset` (Unix seconds), Jira `X-RateLimit-Reset` (ISO timestamp), Linear
 * `X-RateLimit-Requests-Reset` / `X-RateLimit-Complexity-Reset` (Unix milliseconds).
 */
export function askedWaitMs(f: CallFailure, now: number): number | undefined {
  const retryAfter = header(f.headers, 'retry-after');
  if (retryAfter !== undefined) {
    const ms = parseRetryAfter(retryAfter, now);
    if (ms !== undefined) return ms;
  }
  if (!isRateLimit(f)) return undefined;
  let latest: number | undefined;
  for (const name of ['ratelimit-reset', 'x-ratelimit-reset', 'x-ratelimit-requests-reset', 'x-ratelimit-complexity-reset']) {
    const value = header(f.headers, name);
    const ms = value === undefined ? undefined : parseReset(value, now);
    if (ms !== undefined) latest = Math.max(latest ?? 0, ms);
  }
  return latest;
}

export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A reset moment: epoch ms, epoch seconds, seconds from now, or a date. */
export function parseReset(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n > 1e12) return Math.max(0, n - now);
    if (n > 1e9) return Math.max(0, n * 1000 - now);
    return n * 1000;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function header(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
    return value === undefined || value === null ? undefined : String(value);
  }
  return undefined;
}

function describe(f: CallFailure): string {
  if (f.network === 'refused') return 'connection refused';
  if (f.network === 'lost') return 'connection lost before the answer';
  if (f.network === 'timeout') return 'no answer in time';
  if (f.rateLimited && f.status !== 429) return `rate limited (${f.status ?? 'no status'})`;
  return `answered ${f.status}`;
}

/** The failure as a person reads it. `attempt` retries were made before giving up. */
export function toTrackerError(f: CallFailure, options: Pick<RetryOptions<unknown>, 'service' | 'host' | 'secrets'>, attempt = 0): TrackerError {
  const { service, host } = options;
  const detail = f.message ? `: ${redact(f.message, options.secrets).slice(0, 300)}` : '';
  const tried = attempt > 0 ? ` (after ${attempt} ${attempt === 1 ? 'retry' : 'retries'})` : '';
  if (f.cancelled) return cancelledError();
  if (f.network === 'refused') return new TrackerError('network', `Could not reach ${service} at ${host}${tried}.`);
  if (f.network === 'lost') {
    return new TrackerError('network', `The connection to ${service} at ${host} broke before it answered${tried}.`);
  }
  if (f.network === 'timeout') return new TrackerError('network', `${service} at ${host} did not answer in time${tried}.`);
  const status = f.status;
  if (isRateLimit(f)) {
    return new TrackerError('rate-limit', `${service} is still rate-limiting requests${tried}; try again later.`, status);
  }
  if (status === 401) {
    return new TrackerError('auth', `${service} did not accept the token (401): it may have expired. Sign in again.`, 401);
  }
  if (status === 403) {
    return new TrackerError('auth', `${service} refused access (403): check the token's permissions, or sign in again${detail}.`, 403);
  }
  if (status === 404) return new TrackerError('not-found', `${service} could not find it (404)${detail}.`, 404);
  if (status !== undefined && status >= 500) {
    return new TrackerError('server', `${service} had a server error (${status})${tried}${detail}.`, status);
  }
  if (status !== undefined && status >= 400) {
    return new TrackerError('invalid', `${service} rejected the request (${status})${detail}.`, status);
  }
  return new TrackerError('server', `${service} failed${detail}.`, status);
}

/** Removes every secret (and its Basic-auth encodings) from a text before it reaches a message or a log. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join('***');
  }
  return out.replace(/(authorization|private-token)(["']?\s*[:=]\s*["']?)[^\s"',}]+(\s+[^\s"',}]+)?/gi, '$1$2***');
}

/**
 * Reads a Node/undici/axios network error (walking `cause`) into a NetworkFailure, or undefined when the error
 * is not a network failure. `TimeoutError` comes from AbortSignal.timeout.
 */
export function networkFailure(error: unknown): NetworkFailure | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name } = e as { code?: unknown; name?: unknown };
    if (name === 'TimeoutError' || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT'
      || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH'
      || code === 'ENETUNREACH') return 'refused';
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED'
      || code === 'ERR_BAD_RESPONSE' && !(e as { response?: unknown }).response) return 'lost';
    if (e instanceof Error && /socket hang up|other side closed|terminated/i.test(e.message)) return 'lost';
  }
  return undefined;
}

/** The caller's signal combined with a per-request timeout (either aborts the request). */
export function requestSignal(signal: AbortSignal | undefined, timeoutMs: number | undefined): AbortSignal | undefined {
  const timeout = timeoutMs && timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
  if (signal && timeout) return AbortSignal.any([signal, timeout]);
  return signal ?? timeout;
}

/** `https://gitlab.example.com/api/v4` -> `gitlab.example.com` (never user info or query). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured address';
  }
}
