/**
 * Types of the language service. The service knows nothing of the LSP connection:
 * it takes text documents and returns plain results (LSP *types* from vscode-languageserver-types
 * are used for results, as vscode-markdown-languageservice does; never the connection).
 */
import type { Root } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PostmortemModel, Range } from '../../../common/model';
import type { PostmortemSettings, RuleSeverity } from '../../../common/settings';
import type { ActionItemField, Code, FindingData } from './codes';

export type { TextDocument };

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const nullLogger: Logger = { info() {}, warn() {}, error() {} };

/** A parsed document: the mdast tree (absolute positions, as remark gives them) and its text. */
export interface ParsedDocument {
  uri: string;
  version: number;
  text: string;
  tree: Root;
  /** Offsets of the start of each line, for offset <-> position conversion. */
  lineStarts: number[];
  /** Set when part of the text could not be parsed (the tree then holds what could be); never thrown. */
  parseError?: string;
  /** Lines kept out of inline parsing (delimiter runs or brackets past the parser's bounds): they are plain text. */
  plainText?: { startLine: number; endLine: number; reason: string }[];
}

export type FindingSeverity = Exclude<RuleSeverity, 'ignore'>;

/** What a rule or the schema check reports, before its severity is settled. Becomes an LSP Diagnostic in server.ts. */
export type Reported<C extends Code = Code> = C extends Code ? {
  /** Stable id of the rule (`timeline-order`, `missing-section`...). Code actions dispatch on it. */
  code: C;
  message: string;
  range: Range;
  /** What the quick fix needs (JSON-safe; travels in Diagnostic.data), typed per code in codes.ts. */
  data: FindingData[C];
} : never;

/** A finding with its severity (the rule's default, the schema's, or `postmortem.rules`). */
export type Finding<C extends Code = Code> = C extends Code ? Reported<C> & { severity: FindingSeverity } : never;

/** Everything a rule may read: the model (built from the syntax tree), never the text or the tree. */
export interface RuleContext {
  model: PostmortemModel;
  settings: PostmortemSettings;
  /** What the active schema says (required action-item fields, allowed values). */
  schema: SchemaInfo;
  /** "Now", injectable for tests (due-date rules). */
  now: Date;
}

export interface Rule<C extends Code = Code> {
  /** Stable code, also the key of `postmortem.rules` in settings. */
  code: C;
  /** One sentence for the README and hovers. */
  description: string;
  defaultSeverity: FindingSeverity;
  /** Severity under `postmortem.strict`, when it differs (per-item checks that are quiet by default). */
  strictSeverity?: FindingSeverity;
  check(context: RuleContext): Reported[];
}

/** What the active JSON Schema says, in the shape completions and hovers need. */
export interface SchemaInfo {
  /** Frontmatter keys the schema knows (metadata properties), with their descriptions and allowed values. */
  metadataKeys: {
    key: string;
    description: string;
    values?: { value: string; description: string }[];
    /** `x-synonyms`: what people write (lower case, spaces) -> the allowed value it means ("closed" -> "final"). */
    synonyms?: Record<string, string>;
  }[];
  /** `x-strict: true` at the schema's root: the team wants the strict checks whatever `postmortem.strict` says. */
  strict: boolean;
  /** Fields every action item must have (`actionItems.items.required` besides `text`): the owner by default. */
  actionItemRequired: ActionItemField[];
  /** Sections the schema requires, in canonical order. */
  requiredSections: import('../../../common/model').SectionKind[];
  /** Severity values in the schema's order (most severe first), each with its description. */
  severities: { value: string; description: string }[];
  statuses: { value: string; description: string }[];
}
