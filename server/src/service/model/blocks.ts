/**
 * The document's blocks as the syntax tree has them: code (fenced, indented, frontmatter), tables, and the prose
 * lines with code blanked out. The one place that knows where code
 * and tables are: rules, folding and fixes read `model.blocks`, none of them looks for fences or pipes in the text.
 */
import type { Nodes } from 'mdast';
import type { Blocks, ProseLine, Range } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { offsetsOfNode, rangeFromOffsets } from './ranges';

/** Node types whose text is never prose. */
const CODE_BLOCKS = new Set(['code', 'yaml', 'toml', 'math']);
const INLINE_CODE = new Set(['inlineCode', 'inlineMath']);

export function readBlocks(doc: ParsedDocument): Blocks {
  const code: Blocks['code'] = [];
  const tables: Range[] = [];
  /** Offsets [start, end) that are not prose, in document order. */
  const masked: { start: number; end: number }[] = [];
  const stack: Nodes[] = [doc.tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (CODE_BLOCKS.has(node.type) || INLINE_CODE.has(node.type)) {
      const at = offsetsOfNode(doc, node);
      if (at.end > at.start) masked.push(at);
      if (CODE_BLOCKS.has(node.type)) code.push(rangeFromOffsets(doc, at.start, at.end));
      continue;
    }
    if (node.type === 'table') { const at = offsetsOfNode(doc, node); tables.push(rangeFromOffsets(doc, at.start, at.end)); }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  masked.sort((a, b) => a.start - b.start);
  code.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  tables.sort((a, b) => a.start.line - b.start.line);
  return { code, tables, prose: proseLines(doc, masked) };
}

/** Each line with the masked spans blanked (same length, so columns hold); blank results are left out. */
function proseLines(doc: ParsedDocument, masked: { start: number; end: number }[]): ProseLine[] {
  const out: ProseLine[] = [];
  const { text, lineStarts } = doc;
  let m = 0;
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line]!;
    let end = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    while (m < masked.length && masked[m]!.end <= start) m++;
    let s = text.slice(start, end);
    for (let k = m; k < masked.length && masked[k]!.start < end; k++) {
      const from = Math.max(masked[k]!.start, start) - start;
      const to = Math.min(masked[k]!.end, end) - start;
      if (to > from) s = s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);
    }
    if (s.trim() !== '') out.push({ line, text: s });
  }
  return out;
}

/**
 * Offsets [start, end) of the code blocks (and frontmatter) in document order, from the syntax tree, once per parse:
 * the readers that work on source slices blank these (`proseSlice`, the impact figures) instead of looking for fences.
 */
const codeCache = new WeakMap<ParsedDocument, { start: number; end: number }[]>();
export function codeBlockOffsets(doc: ParsedDocument): { start: number; end: number }[] {
  let spans = codeCache.get(doc);
  if (spans) return spans;
  spans = [];
  const stack: Nodes[] = [doc.tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (CODE_BLOCKS.has(node.type)) {
      const at = offsetsOfNode(doc, node);
      if (at.end > at.start) spans.push(at);
    } else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  codeCache.set(doc, spans);
  return spans;
}

/** `doc.text.slice(start, end)` with the code blocks in it blanked (same length, so offsets into it hold). */
export function proseSlice(doc: ParsedDocument, start: number, end: number): string {
  let s = doc.text.slice(start, end);
  for (const c of codeBlockOffsets(doc)) {
    if (c.start >= end) break;
    if (c.end <= start) continue;
    const from = Math.max(c.start, start) - start;
    const to = Math.min(c.end, end) - start;
    s = s.slice(0, from) + s.slice(from, to).replace(/[^\n]/g, ' ') + s.slice(to);
  }
  return s;
}
