/**
 * The one place where mdast positions and text offsets become model Ranges.
 * mdast: 1-based lines and columns (columns count UTF-16 code units, as JS strings do) plus offsets.
 * Model/LSP: zero-based lines, zero-based UTF-16 characters.
 */
import { offsetAt, positionAt } from '../../../../common/lineStarts';
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

export { offsetAt, positionAt };

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
