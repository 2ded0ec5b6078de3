/**
 * Messages between the timeline preview webview and the extension, typed once and validated on
 * receipt on both sides (a webview is a web page: treat what it posts as untrusted input, and the
 * page checks what it gets too).
 *
 * `PreviewData` is the preview's own view of a postmortem model: plain JSON, already analysed
 * (gaps, order, durations) by `client/src/preview/data.ts`, so the page script only draws.
 */
import type { KeyTimeName } from './model';

export interface PreviewPhase {
  name: KeyTimeName;
  /** "Impact started", "Detected"... */
  label: string;
  /** The time as written in the document. */
  raw: string;
  /** ISO instant (UTC) or null when it could not be read. */
  iso: string | null;
  /** Zero-based line where it was written, or null. */
  line: number | null;
}

export interface PreviewDuration {
  /** Metric name (`timeToDetect`...). */
  name: string;
  /** "Time to detect". */
  label: string;
  minutes: number;
  /** "1 h 24 min". */
  text: string;
  /** How it was measured: "from impact start (started) to detected". */
  definition: string;
  from: KeyTimeName;
  to: KeyTimeName;
}

export interface PreviewEntry {
  /** Index in the model's timeline (document order). */
  index: number;
  /** First and last zero-based line of the entry. */
  line: number;
  endLine: number;
  /** The time as written ("14:03", "~06:2x"). */
  rawTime: string;
  iso: string | null;
  approximate: boolean;
  /** Full time for labels: "2024-05-01 14:03 UTC", or the raw time when it could not be read. */
  fullTime: string;
  /** Entry text (capped at MAX_TEXT_CHARS; `truncated` says so). */
  text: string;
  truncated: boolean;
  marks?: KeyTimeName;
  /** Earlier than the previous timed entry. */
  outOfOrder: boolean;
  /** Has no readable time. */
  unparseable: boolean;
  /** Why the time could not be read (from the model's note). */
  note?: string;
  /** A noticeable gap before this entry (minutes since the previous timed entry), when there is one. */
  gapBeforeMinutes?: number;
  gapBeforeText?: string;
}

export interface PreviewActionItem {
  text: string;
  truncated: boolean;
  line: number;
  owner?: string;
  /** ISO date when readable, else as written. */
  due?: string;
  ticket?: string;
  /** Without a ticket: whether "Create Tickets" will send it, or why not (done, needs discussion). */
  ticketState?: 'linked' | 'to-create' | 'done' | 'needs-discussion';
  done: boolean;
}

export interface PreviewData {
  uri: string;
  version: number;
  title: string;
  incidentId?: string;
  severity?: string;
  status?: string;
  phases: PreviewPhase[];
  durations: PreviewDuration[];
  /** Earliest and latest instants known (phases and entries), for the time axis. */
  span: { start: string; end: string } | null;
  /** started -> resolved (or the last known time), shaded on the axis. */
  impact: { start: string; end: string } | null;
  entries: PreviewEntry[];
  actionItems: PreviewActionItem[];
}

export type ExportFormat = 'svg' | 'html';

/** Extension -> webview. */
export type ToWebview =
  | { type: 'model'; uri: string; model: PreviewData | null; message?: string }
  | { type: 'highlight'; index: number | null };

/** Webview -> extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; line: number }
  | { type: 'export'; format: ExportFormat };

// ---------- validators ----------

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isOptStr = (x: unknown): boolean => x === undefined || typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isLine = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) < 10_000_000;
const isStrOrNull = (x: unknown): boolean => x === null || typeof x === 'string';
const KEY_TIMES = new Set<string>(['started', 'detected', 'acknowledged', 'mitigated', 'resolved']);
const isKeyTime = (x: unknown): x is KeyTimeName => isStr(x) && KEY_TIMES.has(x);
const isSpan = (x: unknown): boolean => x === null || (isObj(x) && isStr(x.start) && isStr(x.end));
const arrayOf = (x: unknown, f: (v: unknown) => boolean): boolean => Array.isArray(x) && x.every(f);

function isPhase(x: unknown): boolean {
  return isObj(x) && isKeyTime(x.name) && isStr(x.label) && isStr(x.raw) && isStrOrNull(x.iso) && (x.line === null || isLine(x.line));
}

function isDuration(x: unknown): boolean {
  return isObj(x) && isStr(x.name) && isStr(x.label) && isNum(x.minutes) && isStr(x.text) && isStr(x.definition) && isKeyTime(x.from) && isKeyTime(x.to);
}

function isEntry(x: unknown): boolean {
  return (
    isObj(x) && isLine(x.index) && isLine(x.line) && isLine(x.endLine) && isStr(x.rawTime) && isStrOrNull(x.iso) &&
    isBool(x.approximate) && isStr(x.fullTime) && isStr(x.text) && isBool(x.truncated) &&
    (x.marks === undefined || isKeyTime(x.marks)) && isBool(x.outOfOrder) && isBool(x.unparseable) && isOptStr(x.note) &&
    (x.gapBeforeMinutes === undefined || isNum(x.gapBeforeMinutes)) && isOptStr(x.gapBeforeText)
  );
}

function isActionItem(x: unknown): boolean {
  return (
    isObj(x) && isStr(x.text) && isBool(x.truncated) && isLine(x.line) && isOptStr(x.owner) && isOptStr(x.due) &&
    isOptStr(x.ticket) && isBool(x.done)
  );
}

export function isPreviewData(x: unknown): x is PreviewData {
  return (
    isObj(x) && isStr(x.uri) && isNum(x.version) && isStr(x.title) && isOptStr(x.incidentId) && isOptStr(x.severity) &&
    isOptStr(x.status) && arrayOf(x.phases, isPhase) && arrayOf(x.durations, isDuration) && isSpan(x.span) &&
    isSpan(x.impact) && arrayOf(x.entries, isEntry) && arrayOf(x.actionItems, isActionItem)
  );
}

export function isToWebviewMessage(x: unknown): x is ToWebview {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'model':
      return isStr(x.uri) && (x.model === null || isPreviewData(x.model)) && isOptStr(x.message);
    case 'highlight':
      return x.index === null || isLine(x.index);
    default:
      return false;
  }
}

export function isFromWebviewMessage(x: unknown): x is FromWebview {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'reveal':
      return isLine(x.line);
    case 'export':
      return x.format === 'svg' || x.format === 'html';
    default:
      return false;
  }
}

/** What the page keeps with `setState` so the serializer can restore the preview after a reload. */
export interface PreviewWebviewState {
  uri: string;
}

export function isPreviewWebviewState(x: unknown): x is PreviewWebviewState {
  return isObj(x) && isStr(x.uri) && x.uri.length > 0 && x.uri.length < 10_000;
}
