/**
 * Folding: the frontmatter, every section (heading to its last line with content), tables, code blocks, and
 * multi-line timeline entries and action items. Read from the model alone (its blocks say where content, code and
 * tables are); nothing here looks at the text.
 */
import { FoldingRangeKind } from 'vscode-languageserver-types';
import type { FoldingRange } from 'vscode-languageserver-types';
import type { PostmortemModel, Range } from '../../../common/model';

export function getFoldingRanges(model: PostmortemModel): FoldingRange[] {
  const byStart = new Map<number, FoldingRange>();
  const add = (start: number, end: number, kind?: string) => {
    if (end <= start) return;
    const existing = byStart.get(start);
    if (existing && existing.endLine >= end) return;
    byStart.set(start, { startLine: start, endLine: end, ...(kind ? { kind } : {}) });
  };
  const contentEnd = lastContentLine(model);
  const addRange = (r: Range) => add(r.start.line, contentEnd(r));

  const fm = model.metadata.frontmatter;
  if (fm) add(fm.range.start.line, endLine(fm.range), FoldingRangeKind.Region);
  for (const s of model.sections) addRange(s.range);
  for (const e of model.timeline) if (e.range.end.line > e.range.start.line) addRange(e.range);
  for (const a of model.actionItems) if (a.range.end.line > a.range.start.line) addRange(a.range);
  for (const t of model.blocks.tables) add(t.start.line, endLine(t));
  for (const c of model.blocks.code) if (!fm || c.start.line !== fm.range.start.line) add(c.start.line, endLine(c));
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}

/** Last line of a range (a range ending at column 0 ends on the line before). */
function endLine(r: Range): number {
  return r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
}

/** The last line of a range that holds prose or code (trailing blank lines dropped). */
function lastContentLine(model: PostmortemModel): (r: Range) => number {
  const lines = new Set(model.blocks.prose.map((p) => p.line));
  for (const c of model.blocks.code) lines.add(endLine(c));
  return (r) => {
    let end = Math.min(endLine(r), model.lineCount - 1);
    while (end > r.start.line && !lines.has(end)) end--;
    return end;
  };
}
