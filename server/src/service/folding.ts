/**
 * Folding: the frontmatter, every section (heading to its last non-blank line), tables, and
 * multi-line timeline entries (heading-style entries with their bodies, list items with continuation lines).
 */
import { FoldingRangeKind } from 'vscode-languageserver-types';
import type { FoldingRange } from 'vscode-languageserver-types';
import type { PostmortemModel, Range } from '../../../common/model';
import type { ParsedDocument } from './types';
import { lastContentLine, lineCount } from './edits';
import { lineText } from './model/ranges';

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export function getFoldingRanges(doc: ParsedDocument, model: PostmortemModel): FoldingRange[] {
  const byStart = new Map<number, FoldingRange>();
  const add = (start: number, end: number, kind?: string) => {
    if (end <= start) return;
    const existing = byStart.get(start);
    if (existing && existing.endLine >= end) return;
    byStart.set(start, { startLine: start, endLine: end, ...(kind ? { kind } : {}) });
  };
  const addRange = (r: Range) => add(r.start.line, lastContentLine(doc, r));

  const fm = model.metadata.frontmatter;
  if (fm) add(fm.range.start.line, fm.range.end.character === 0 && fm.range.end.line > 0 ? fm.range.end.line - 1 : fm.range.end.line, FoldingRangeKind.Region);
  for (const s of model.sections) addRange(s.range);
  for (const e of model.timeline) if (e.range.end.line > e.range.start.line) addRange(e.range);
  for (const a of model.actionItems) if (a.range.end.line > a.range.start.line) addRange(a.range);

  // Tables: a header row, a delimiter row, and the rows after them (outside fenced code).
  const lines = lineCount(doc);
  const fmEnd = fm ? fm.range.end.line : -1;
  let fence: string | null = null;
  for (let l = fmEnd + 1; l < lines; l++) {
    const text = lineText(doc, l);
    const f = FENCE.exec(text);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null || !text.includes('|') || l + 1 >= lines) continue;
    const next = lineText(doc, l + 1);
    if (!DELIMITER_ROW.test(next) || !next.includes('-')) continue;
    let end = l + 1;
    while (end + 1 < lines && lineText(doc, end + 1).includes('|') && lineText(doc, end + 1).trim() !== '') end++;
    add(l, end);
    l = end;
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
