/**
 * The one place where mdast positions and text offsets become model Ranges.
 * mdast: 1-based lines and columns (columns count UTF-16 code units, as JS strings do) plus offsets.
 * Model/LSP: zero-based lines, zero-based UTF-16 characters.
 */
import type { Position, Range } from '../../../../common/model';
import type { ParsedDocument } from '../types';

type Point = { line: number; column: number; offset?: number };
export type Positioned = { position?: { start: Point; end: Point } | undefined };

/** The empty range at the start of the document: where findings about the whole document go. Do not change it. */
export const LINE0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Range of an mdast node (empty range at 0:0 for a node without position). */
export function rangeOfNode(node: Positioned): Range {
  const p = node.position;
  if (!p) return { start: { ...LINE0.start }, end: { ...LINE0.end } };
  return {
    start: { line: Math.max(0, p.start.line - 1), character: Math.max(0, p.start.column - 1) },
    end: { line: Math.max(0, p.end.line - 1), character: Math.max(0, p.end.column - 1) },
  };
}

/** Range from the start of the first node to the end of the last one. */
export function rangeOfNodes(first: Positioned, last: Positioned): Range {
  return { start: rangeOfNode(first).start, end: rangeOfNode(last).end };
}

/** Line index (0-based) holding the offset, by binary search over `lineStarts`. */
function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Position of a text offset (clamped to the document). */
export function positionAt(doc: Pick<ParsedDocument, 'text' | 'lineStarts'>, offset: number): Position {
  const o = Math.max(0, Math.min(Math.floor(offset), doc.text.length));
  const line = lineOf(doc.lineStarts, o);
  const start = doc.lineStarts[line]!;
  // An offset inside a line ending (the `\n` of `\r\n`, as YAML errors report it) maps to the end of the
  // line's content: LSP positions past the content are out of range for clients.
  let end = line + 1 < doc.lineStarts.length ? doc.lineStarts[line + 1]! : doc.text.length;
  while (end > start && (doc.text.charCodeAt(end - 1) === 10 || doc.text.charCodeAt(end - 1) === 13)) end--;
  return { line, character: Math.min(o, end) - start };
}

/** Offset of a position (clamped to the line's content, line endings excluded, and to the document). */
export function offsetAt(doc: Pick<ParsedDocument, 'text' | 'lineStarts'>, pos: Position): number {
  const starts = doc.lineStarts;
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return doc.text.length;
  const start = starts[pos.line]!;
  let end = pos.line + 1 < starts.length ? starts[pos.line + 1]! : doc.text.length;
  while (end > start && (doc.text.charCodeAt(end - 1) === 10 || doc.text.charCodeAt(end - 1) === 13)) end--;
  return Math.min(start + Math.max(0, pos.character), end);
}

export function rangeFromOffsets(doc: Pick<ParsedDocument, 'text' | 'lineStarts'>, start: number, end: number): Range {
  return { start: positionAt(doc, start), end: positionAt(doc, Math.max(start, end)) };
}

/** Offsets of an mdast node (from its positions' offsets, else from line/column). */
export function offsetsOfNode(doc: Pick<ParsedDocument, 'text' | 'lineStarts'>, node: Positioned): { start: number; end: number } {
  const p = node.position;
  if (!p) return { start: 0, end: 0 };
  const start = p.start.offset ?? offsetAt(doc, { line: p.start.line - 1, character: p.start.column - 1 });
  const end = p.end.offset ?? offsetAt(doc, { line: p.end.line - 1, character: p.end.column - 1 });
  return { start, end };
}

/** Range of the whole line (content only, no line ending). */
export function lineRange(doc: Pick<ParsedDocument, 'text' | 'lineStarts'>, line: number): Range {
  const start = offsetAt(doc, { line, character: 0 });
  const end = offsetAt(doc, { line, character: Number.MAX_SAFE_INTEGER });
  return rangeFromOffsets(doc, start, end);
}

/** Text of a line without its line break ('' for a line that does not exist). */
export function lineText(doc: Pick<ParsedDocument, 'text' | 'lineStarts'>, line: number): string {
  if (line < 0 || line >= doc.lineStarts.length) return '';
  const start = doc.lineStarts[line]!;
  const end = line + 1 < doc.lineStarts.length ? doc.lineStarts[line + 1]! : doc.text.length;
  return doc.text.slice(start, end).replace(/(\r\n|\r|\n)$/, '');
}

/** Whether a position lies in a range (both ends included). */
export function contains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

/** The text a range covers. */
export function textOf(doc: Pick<ParsedDocument, 'text' | 'lineStarts'>, range: Range): string {
  return doc.text.slice(offsetAt(doc, range.start), offsetAt(doc, range.end));
}
