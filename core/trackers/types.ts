/**
 * The contract between the ticket engine (core/trackers/engine.ts) and one adapter per tracker
 * (github.ts, gitlab.ts, jira.ts, linear.ts). Adapters wrap each tracker's official client; the engine owns
 * identity, planning, write-back and the "never twice" logic. Nothing here imports `vscode`.
 */

export type TrackerKind = 'github' | 'gitlab' | 'jira' | 'linear';
export const TRACKER_KINDS: readonly TrackerKind[] = ['github', 'gitlab', 'jira', 'linear'];

/** Label every ticket created by the extension carries (plus the team's own labels). */
export const TICKET_LABEL = 'postmortem-action-item';

/**
 * The hidden marker a ticket's body carries: `<!-- postmortem-item: pm-1a2b3c4d -->`.
 * The same id stands in the document at the end of the action item, in a comment of the same form.
 */
export function markerComment(itemId: string): string {
  return `<!-- postmortem-item: ${itemId} -->`;
}
/** Reads every marker id out of a ticket body (or a document's text). */
export const MARKER_PATTERN = /<!--\s*postmortem-item:\s*(pm-[0-9a-z]{6,16})\s*-->/g;

/** What the engine asks an adapter to create (already mapped: assignee is a tracker user). */
export interface TicketDraft {
  /** The item's identity (`pm-…`); the body already holds `markerComment(marker)`. */
  marker: string;
  title: string;
  /** Markdown (GitHub, GitLab, Linear); Jira adapters convert it to their format. */
  body: string;
  labels: string[];
  /** Tracker user (GitHub login, GitLab username, Jira accountId or name, Linear user id or email). */
  assignee?: string;
  /** YYYY-MM-DD. */
  due?: string;
  /** As written in the document (P1, high...); adapters map it to the tracker's own scale. */
  priority?: string;
  /** prevent | detect | mitigate | process, or the team's own word. */
  type?: string;
}

export type TicketState = 'open' | 'closed' | 'deleted' | 'moved' | 'unknown';

export interface TicketRef {
  marker: string;
  /** How the document names it: `#12`, `group/project#12`, `OPS-12`, `ENG-42`. */
  key: string;
  url: string;
  state: TicketState;
  /** Set when state is `moved`: where it went. */
  movedTo?: string;
}

export interface Tracker {
  readonly kind: TrackerKind;
  /** For plans and summaries: `github octo/repo`, `jira OPS`, `linear ENG`. */
  readonly target: string;
  /**
   * Tickets carrying these markers, by marker, from a read that reflects writes at once (a list endpoint
   * filtered by the label, paginated; never a search index alone). Markers with no ticket are absent.
   */
  findByMarkers(markers: readonly string[], signal?: AbortSignal): Promise<Map<string, TicketRef>>;
  /** Creates one ticket. Retries of 429/5xx happen inside; a lost response surfaces as TrackerError 'network'. */
  create(draft: TicketDraft, signal?: AbortSignal): Promise<TicketRef>;
  /** Current state of tickets the document already links (by url or key). */
  status(refs: readonly Pick<TicketRef, 'marker' | 'key' | 'url'>[], signal?: AbortSignal): Promise<Map<string, TicketRef>>;
}

export type TrackerErrorKind = 'auth' | 'rate-limit' | 'network' | 'not-found' | 'server' | 'invalid' | 'cancelled';

/** Every adapter failure becomes one of these: a message a person can act on, never a token or a stack. */
export class TrackerError extends Error {
  override name = 'TrackerError';
  constructor(
    readonly kind: TrackerErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Settings for one tracker, from VS Code settings or CLI flags. Tokens are passed separately, never stored here. */
export interface TrackerConfig {
  kind: TrackerKind;
  /** GitHub Enterprise / GitLab self-managed / Jira site / test server. */
  apiUrl?: string;
  /** GitHub `owner/name`. */
  repo?: string;
  /** GitLab project path or id; Jira project key. */
  project?: string;
  /** Linear team key. */
  team?: string;
  labels?: string[];
  /** Jira issue type name (default `Task`). */
  issueType?: string;
  /** Document owner name or handle -> tracker user. */
  users?: Record<string, string>;
}

export interface TrackerCredentials {
  /** Bearer / private token / API key / PAT. */
  token: string;
  /** Jira Cloud basic auth: email + API token. */
  email?: string;
}

/** Backoff policy knobs, injectable so tests do not wait real minutes. */
export interface RetryPolicy {
  retries: number;
  /** Upper bound for one wait, in ms (a Retry-After beyond this fails the request instead). */
  maxWaitMs: number;
  /** Sleeps `ms`; tests may pass a faster clock but must still honour the order of events. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface TrackerDeps {
  credentials: TrackerCredentials;
  retry?: Partial<RetryPolicy>;
  /** Logs requests and retries (never tokens). */
  log?: (message: string) => void;
  /** Request timeout per call, ms. */
  timeoutMs?: number;
}

export type TrackerFactory = (config: TrackerConfig, deps: TrackerDeps) => Tracker;

/**
 * What each adapter module (github.ts, gitlab.ts, jira.ts, linear.ts) exports. The extension and the CLI load an
 * adapter only when its tracker is used: each is bundled on its own as `dist/trackers/<kind>.js` and required by
 * path at run time (core/trackers/load.ts), so the Linear SDK never weighs on activation.
 */
export interface TrackerModule {
  createTracker: TrackerFactory;
}

/**
 * True for a TrackerError thrown by any bundle: each adapter is bundled on its own (dist/trackers/<kind>.js) with
 * its own copy of the class, so `instanceof` alone does not see the adapters' errors from the engine's bundle.
 */
export function isTrackerError(error: unknown): error is TrackerError {
  return error instanceof TrackerError
    || (error instanceof Error && error.name === 'TrackerError' && typeof (error as { kind?: unknown }).kind === 'string');
}
