/**
 * The postmortem document model: what the language service reads out of a document.
 * Plain data (JSON-serialisable) so it crosses the LSP wire unchanged in `postmortem/model`
 * and feeds the JSON Schema validation as it is.
 *
 * Ranges are zero-based lines and UTF-16 character offsets, the same convention as LSP,
 * so the server passes them through and the client maps them to `vscode.Range` directly.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A value read from the document, with where it was written. */
export interface Located<T> {
  value: T;
  /** Range of the value itself (the frontmatter scalar, the text after `**Severity:**`, the table cell). */
  range: Range;
  /** Range of the key/label that introduced it, when there is one. */
  keyRange?: Range;
  /** Where it came from. */
  source: 'frontmatter' | 'inline' | 'table' | 'timeline';
}

export type KeyTimeName = 'started' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved';
export const KEY_TIME_NAMES: readonly KeyTimeName[] = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'];

export interface KeyTime {
  /** The text as written, e.g. "2024-05-01 14:03 UTC". */
  raw: string;
  /** ISO 8601 instant (with offset, normalised to `Z`) when it could be read, else null. */
  iso: string | null;
  range: Range;
  source: Located<unknown>['source'];
}

export interface Metadata {
  /** How the metadata block was written: YAML/TOML frontmatter, inline bold lines/bullets, a table, or none. */
  frontmatter: {
    kind: 'yaml' | 'toml';
    range: Range;
    /** Parse error of the frontmatter, if any (not YAML, alias bomb, duplicate key...). */
    error?: { message: string; range: Range };
    /** Every top-level key as written, with the ranges of key and value (for diagnostics and completion). */
    keys: Record<string, { keyRange: Range; valueRange: Range }>;
    /** The parsed object (scalars, arrays, maps) of the frontmatter, JSON-safe. */
    data: Record<string, unknown>;
  } | null;
  title?: Located<string>;
  incidentId?: Located<string>;
  severity?: Located<string>;
  status?: Located<string>;
  owner?: Located<string>;
  /** e.g. "postmortem" when the frontmatter declares `type: postmortem`. */
  type?: Located<string>;
  /** `$schema` in the frontmatter: a team's own schema. */
  schema?: Located<string>;
  participants: Located<string>[];
  services: Located<string>[];
  customersAffected?: Located<string>;
  customersReporting?: Located<string>;
  /** Date of the incident when written on its own (e.g. `date: 2024-05-01`), ISO date. */
  date?: Located<string>;
  /** Zone the document's times are in, as written (e.g. "UTC", "PDT", "Europe/Berlin"). */
  timezone?: Located<string>;
  /** Key times from the metadata; filled from the timeline when absent (see `KeyTime.source`). */
  times: Partial<Record<KeyTimeName, KeyTime>>;
  /** Every other key/label seen (lower-cased key -> value), for custom schemas. */
  extra: Record<string, Located<string>>;
}

/** Canonical kinds of section. `other` for anything not recognised. */
export type SectionKind =
  | 'summary'
  | 'impact'
  | 'timeline'
  | 'contributing_factors'
  | 'detection'
  | 'response'
  | 'resolution'
  | 'action_items'
  | 'lessons_learned'
  | 'what_went_well'
  | 'what_went_wrong'
  | 'where_we_got_lucky'
  | 'supporting_information'
  | 'other';

/** Canonical order, used for completion and "insert missing section". */
export const SECTION_ORDER: readonly SectionKind[] = [
  'summary',
  'impact',
  'timeline',
  'contributing_factors',
  'detection',
  'response',
  'resolution',
  'lessons_learned',
  'what_went_well',
  'what_went_wrong',
  'where_we_got_lucky',
  'action_items',
  'supporting_information',
];

export interface Section {
  kind: SectionKind;
  /** Heading text as written, without the `#` marks. */
  title: string;
  /** 1-6. */
  depth: number;
  /** The heading line. */
  headingRange: Range;
  /** From the line after the heading to the end of the section (before the next heading of same or higher level). */
  bodyRange: Range;
  /** Whole section, heading included. */
  range: Range;
  /** Index of the parent section in `PostmortemModel.sections`, or -1. */
  parent: number;
  /** Nothing a reader sees in the body (blank lines and HTML comments only; a sub-section counts as content). */
  empty: boolean;
}

export interface TimelineEntry {
  /** The timestamp as written ("14:03", "**09:14**", "2024-05-01 14:03 UTC", "~06:2xZ"). */
  rawTime: string;
  /** The resolved instant, ISO 8601 in UTC (`2024-05-01T14:03:00Z`), or null when it could not be read. */
  iso: string | null;
  /** True when the time is approximate (`~`, `ca.`, `2X:XX`, a range) even if `iso` is set. */
  approximate: boolean;
  /** Why `iso` is null, or how date/zone were inferred; for hovers and diagnostics. */
  note?: string;
  /** Zone used to read the time ("UTC", "PDT" or an IANA name), or null when none was known (UTC assumed). */
  zone: string | null;
  /** Entry text without the timestamp. */
  text: string;
  /** Whole entry (row, list item or heading + body). */
  range: Range;
  /** Range of the timestamp as written. */
  timeRange: Range;
  /** Which key moment this entry marks, when its text says so ("alert fired" -> detected). */
  marks?: KeyTimeName;
  /** How the entry was written. */
  style: 'table' | 'list' | 'heading' | 'paragraph';
}

export type ActionItemType = 'prevent' | 'detect' | 'mitigate' | 'process';
export const ACTION_ITEM_TYPES: readonly ActionItemType[] = ['prevent', 'detect', 'mitigate', 'process'];

/** One field of an action item's `(owner: …, due: …)` group, as written. */
export interface ActionItemField {
  value: string;
  /** The value. */
  range: Range;
  /** The key (`owner`). */
  keyRange: Range;
}

/** The `(owner: @a, due: 2024-06-01)` group of an action item written as text; keys lower-cased as written. */
export interface ActionItemFieldGroup {
  /** From `(` to `)` inclusive. */
  range: Range;
  fields: Record<string, ActionItemField>;
}

/** A cell of a table row (empty cells too): the header it sits under and what it holds. */
export interface TableCellRef {
  /** Header text of its column, plain and lower-cased (`owner`, `due date`). */
  header: string;
  /** Column index, 0-based. */
  column: number;
  /** Cell text as written, trimmed (may be empty). */
  text: string;
  /** The trimmed text; an empty cell has an empty range between its pipes. */
  range: Range;
}

/** The identity marker written at the end of an item: `<!-- postmortem-item: pm-1a2b3c4d -->`. */
export interface ActionItemMarker {
  /** `pm-1a2b3c4d`. */
  id: string;
  /** The whole comment. */
  range: Range;
}

export interface ActionItem {
  /** The item's text without owner/due/ticket annotations (and never the identity marker). */
  text: string;
  range: Range;
  owner?: Located<string>;
  /** ISO date (YYYY-MM-DD) when readable; `raw` keeps what was written. */
  due?: Located<string> & { raw: string };
  priority?: Located<string>;
  type?: Located<string>;
  /** Ticket reference or link (`#123`, `ABC-12`, a URL). */
  ticket?: Located<string>;
  /** Checked task-list item, or a done/closed status column. */
  done: boolean;
  /** How it was written: a task, a list item, a table row, a paragraph, or a heading with its body. */
  style: 'task' | 'table' | 'list' | 'paragraph' | 'heading';
  /** Stable identity: the marker's id when the item carries one, else a hash of the normalised text. */
  id: string;
  /** The identity marker comment, when written. */
  marker?: ActionItemMarker;
  /** The `(owner: …, due: …)` group, when the item is text that has one. */
  fieldGroup?: ActionItemFieldGroup;
  /** Every cell of the item's row, when it is a table row. */
  cells?: TableCellRef[];
}

export interface Metric {
  /** `timeToDetect` ... */
  name: 'timeToDetect' | 'timeToAcknowledge' | 'timeToMitigate' | 'timeToResolve' | 'impactDuration';
  /** Human label, e.g. "Time to mitigate". */
  label: string;
  minutes: number;
  /** The definition used, stated wherever the metric is shown: "from impact start (started) to mitigated". */
  definition: string;
  from: KeyTimeName;
  to: KeyTimeName;
}

export interface ImpactFigures {
  /** True when the impact section (or metadata) quantifies the impact: numbers, percentages, durations, money. */
  quantified: boolean;
  /** The figures found, as written, with ranges. */
  figures: Located<string>[];
}

export interface PostmortemModel {
  uri: string;
  version: number;
  /** Whether this document is treated as a postmortem, and why. */
  isPostmortem: boolean;
  metadata: Metadata;
  sections: Section[];
  timeline: TimelineEntry[];
  actionItems: ActionItem[];
  impact: ImpactFigures;
  metrics: Metric[];
  /** Line count of the document; ranges never exceed it. */
  lineCount: number;
}
