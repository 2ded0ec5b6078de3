/**
 * Offsets and positions in a text: the one table of line starts and the one binary search over it, shared by the
 * parser and model (server), the ticket write-back (core/trackers) and anything else that turns offsets into
 * zero-based LSP positions. Pure and vscode-free.
 */
import type { Position } from './model';

/** A text with its line starts (`computeLineStarts(text)`). */
export interface LineIndex {
  text: string;
  lineStarts: readonly number[];
}

/** Offsets of the start of each line (`\r\n`, `\r` and `\n` end lines, as in micromark and LSP). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case, by the native search: only `\n` ends lines.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** A text with its line starts computed. */
export function lineIndex(text: string): LineIndex {
  return { text, lineStarts: computeLineStarts(text) };
}

/** Line index (0-based) holding the offset, by binary search over the line starts. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offset where a line's content ends (before its line ending). */
function contentEnd(doc: LineIndex, line: number): number {
  const start = doc.lineStarts[line]!;
  let end = line + 1 < doc.lineStarts.length ? doc.lineStarts[line + 1]! : doc.text.length;
  while (end > start && (doc.text.charCodeAt(end - 1) === 10 || doc.text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

/** Position of a text offset (clamped to the document). */
export function positionAt(doc: LineIndex, offset: number): Position {
  const o = Math.max(0, Math.min(Math.floor(offset), doc.text.length));
  const line = lineOf(doc.lineStarts, o);
  // An offset inside a line ending (the `\n` of `\r\n`, as YAML errors report it) maps to the end of the
  // line's content: LSP positions past the content are out of range for clients.
  return { line, character: Math.min(o, contentEnd(doc, line)) - doc.lineStarts[line]! };
}

/** Offset of a position (clamped to the line's content, line endings excluded, and to the document). */
export function offsetAt(doc: LineIndex, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= doc.lineStarts.length) return doc.text.length;
  return Math.min(doc.lineStarts[pos.line]! + Math.max(0, pos.character), contentEnd(doc, pos.line));
}
