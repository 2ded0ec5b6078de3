/**
 * One shape for every chat or paging source: converters (slack/, teams.ts, pagerduty.ts) turn an export into
 * `ImportedEntry` values; the merge (merge.ts) turns the chosen ones into text edits. Nothing here imports `vscode`.
 */
import type { KeyTimeName } from '../../common/model';

export type ImportSourceKind = 'slack' | 'teams' | 'pagerduty';
export const IMPORT_SOURCE_KINDS: readonly ImportSourceKind[] = ['slack', 'teams', 'pagerduty'];

export interface EntryFlags {
  pinned: boolean;
  /** Total reactions on the message. */
  reactions: number;
  bot: boolean;
  /** Key-moment words found in the text ("rolled back", "mitigated"). */
  keyWords: string[];
  /** Edited after it was posted. */
  edited: boolean;
  /** Names of attached files (the export holds links, not files). */
  files: string[];
}

export interface ImportedEntry {
  source: ImportSourceKind;
  /** Unique within the source (`slack:C0123:1714572180.000200`, `teams:1714…`, `pagerduty:R1…`). */
  id: string;
  /** ISO 8601 instant in UTC, millisecond precision. */
  instant: string;
  author: string;
  /** Source's own id of the author (Slack user, Graph user, PagerDuty agent), for participants. */
  authorId?: string;
  /** Inline Markdown, already escaped: no raw HTML, links as `[label](https://…)`; may hold `\n` between paragraphs. */
  text: string;
  /** `id` of the thread's first message when this is a reply. */
  parentId?: string;
  flags: EntryFlags;
  /** Preselected: pinned, reacted to, key-moment words, or a paging event. */
  suggested: boolean;
  /** The key moment a paging event marks (PagerDuty trigger -> detected). */
  marks?: KeyTimeName;
}

/** A broken or foreign export: one line naming the problem (the CLI prints it; the editor shows it). */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(message: string, readonly code: ImportErrorCode) {
    super(message);
  }
}

export type ImportErrorCode =
  | 'missing'          // the file or folder does not exist
  | 'not-json'         // a file that should be JSON is not
  | 'bad-shape'        // JSON of the wrong shape (a day file that is not a list…)
  | 'unknown-channel'  // --channel names no channel of the export
  | 'foreign'          // an export of another tool
  | 'too-large';       // beyond the limits we read

/** Progress of a long read: `done` of `total` units (files or bytes); total 0 when unknown. */
export type ProgressReporter = (done: number, total: number, what: string) => void;

/** What every converter is asked for. */
export interface ConvertOptions {
  /** Keep bot messages (default false). */
  bots?: boolean;
  /** Inclusive window in ms since the epoch; entries outside are dropped. */
  since?: number;
  until?: number;
}
