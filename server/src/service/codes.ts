/**
 * Every diagnostic code, and the type of each code's `data`: the rule (or the schema check) that writes a finding
 * and the quick fix that reads it share this one definition. Fixes dispatch on `code`, never on message text.
 */
import type { SectionKind } from '../../../common/model';
import type { FindingSeverity } from './types';

/** Fields of an action item that the schema can require and the fixes can fill. */
export type ActionItemField = 'owner' | 'due' | 'type' | 'priority' | 'ticket';
export const ACTION_ITEM_FIELDS: readonly ActionItemField[] = ['owner', 'due', 'type', 'priority', 'ticket'];

/** A metadata key the schema requires, with its allowed values when it has some. */
export interface MissingKey {
  key: string;
  allowed?: string[];
}

/** One action item's missing fields. */
export interface ItemMissing {
  /** `ActionItem.id`. */
  id: string;
  /** The item's first line: two items with the same words share an id, and each needs its own fix. */
  line?: number;
  missing: ActionItemField[];
}

export interface FindingData {
  /** `also`: the other missing sections, when they are reported as one finding (the default, not strict). */
  'missing-section': { kind: SectionKind; also?: SectionKind[] };
  'missing-metadata': MissingKey & { also?: MissingKey[] };
  'invalid-value': { key: string; allowed: string[]; pointer: string };
  schema: { pointer: string };
  'schema-invalid': Record<string, never>;
  'frontmatter-invalid': Record<string, never>;
  'document-too-large': Record<string, never>;
  'timeline-order': Record<string, never>;
  'timeline-starts-late': Record<string, never>;
  'resolved-before-started': Record<string, never>;
  'empty-section': { kind: SectionKind };
  'impact-not-quantified': Record<string, never>;
  /** One finding for the document's open action items that miss a required field, listing them. */
  'action-item-fields': { items: ItemMissing[]; fields: ActionItemField[] };
  /** One item's missing fields (a hint by default; a warning with `postmortem.strict`). */
  'action-item-missing-field': ItemMissing;
  'action-item-due-too-late': { id: string; targetDate: string };
  placeholder: Record<string, never>;
  'blame-language': { term: string };
  /** `indexes`: the unreadable entries (indexes into `model.timeline`); one finding lists them all. */
  'timestamp-unparseable': { indexes: number[] };
  'timestamp-nonstandard': { index: number; normalized: string };
  /** A paragraph past the inline parser's bounds (delimiter runs, bracket nesting): read as plain text. */
  'inline-too-complex': Record<string, never>;
  /** The analysis overran the time budget (set by the server, not a rule). */
  'analysis-timeout': { budgetMs: number };
  /** The analysis itself failed (a bug, reported instead of a crash; the command line's batch run). */
  'analysis-failed': Record<string, never>;
}

export type Code = keyof FindingData;

/** Every code, in the order the README's rules table lists them. */
export const CODES: readonly Code[] = [
  'missing-section', 'missing-metadata', 'invalid-value', 'schema', 'schema-invalid', 'frontmatter-invalid',
  'document-too-large', 'timeline-order', 'timeline-starts-late', 'resolved-before-started', 'empty-section',
  'impact-not-quantified', 'action-item-fields', 'action-item-missing-field', 'action-item-due-too-late', 'placeholder',
  'blame-language', 'timestamp-unparseable', 'timestamp-nonstandard', 'inline-too-complex', 'analysis-timeout',
  'analysis-failed',
];

/** What a code means (one sentence or two, for SARIF and documentation) and its default severity. */
export interface CodeDescription {
  description: string;
  defaultSeverity: FindingSeverity;
}

/**
 * The codes no rule in `rules/` reports, described here (each rule describes its own code): the schema check's, the
 * façade's, the parser guard's and the analysis's. A unit test checks that rules and this list cover CODES once each.
 */
export const NON_RULE_CODES = {
  'missing-section': { defaultSeverity: 'warning', description: 'A section the schema requires is missing.' },
  'missing-metadata': { defaultSeverity: 'warning', description: 'A metadata field the schema requires is missing.' },
  'invalid-value': { defaultSeverity: 'warning', description: 'A value the schema does not allow (an unknown severity or status, a malformed date).' },
  schema: { defaultSeverity: 'warning', description: 'A violation of the postmortem JSON Schema.' },
  'schema-invalid': { defaultSeverity: 'error', description: 'The team schema is missing, not JSON or not a valid JSON Schema; the built-in one is used meanwhile.' },
  'frontmatter-invalid': { defaultSeverity: 'error', description: 'The YAML/TOML frontmatter cannot be read.' },
  'document-too-large': { defaultSeverity: 'information', description: 'The document is too large to analyse (over 2 MB).' },
  'inline-too-complex': { defaultSeverity: 'hint', description: 'Lines hold more emphasis delimiters, brackets or paragraph lines than the Markdown parser handles quickly; they are read as plain text.' },
  // The command line reports these as errors (the file was not checked); the editor shows a timeout as a warning.
  'analysis-timeout': { defaultSeverity: 'error', description: 'The analysis of the document took longer than its time budget (postmortem.analysis.timeBudgetMs) and was stopped.' },
  'analysis-failed': { defaultSeverity: 'error', description: 'The analysis of the document failed.' },
} as const satisfies Partial<Record<Code, CodeDescription>>;

export function isCode(code: unknown): code is Code {
  return typeof code === 'string' && (CODES as readonly string[]).includes(code);
}
