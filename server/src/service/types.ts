/**
 * Types of the language service. The service knows nothing of the LSP connection:
 * it takes text documents and returns plain results (LSP *types* from vscode-languageserver-types
 * are used for results, as vscode-markdown-languageservice does; never the connection).
 */
import type { Root } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PostmortemModel, Range } from '../../../common/model';
import type { PostmortemSettings, RuleSeverity } from '../../../common/settings';

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

/** What a rule or the schema check reports. Becomes an LSP Diagnostic in server.ts. */
export interface Finding {
  /** Stable id of the rule (`timeline-order`, `missing-section`...). Code actions dispatch on it. */
  code: string;
  message: string;
  severity: FindingSeverity;
  range: Range;
  /** What the quick fix needs (kept JSON-safe; travels in Diagnostic.data). */
  data?: Record<string, unknown>;
}

/** Everything a rule may read. Rules read the model (and the text only to compute edits), never the tree. */
export interface RuleContext {
  model: PostmortemModel;
  text: string;
  settings: PostmortemSettings;
  /** "Now", injectable for tests (due-date rules). */
  now: Date;
}

export interface Rule {
  /** Stable code, also the key of `postmortem.rules` in settings. */
  code: string;
  /** One sentence for the README and hovers. */
  description: string;
  defaultSeverity: FindingSeverity;
  check(context: RuleContext): Omit<Finding, 'severity'>[];
}

/** What the active JSON Schema says, in the shape completions and hovers need. */
export interface SchemaInfo {
  /** Frontmatter keys the schema knows (metadata properties), with their descriptions and allowed values. */
  metadataKeys: { key: string; description: string; values?: { value: string; description: string }[] }[];
  /** Sections the schema requires, in canonical order. */
  requiredSections: import('../../../common/model').SectionKind[];
  /** Severity values in the schema's order (most severe first), each with its description. */
  severities: { value: string; description: string }[];
  statuses: { value: string; description: string }[];
}
