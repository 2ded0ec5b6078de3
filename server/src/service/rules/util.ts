/** Helpers shared by the rules: ranges clipped to a line, and a linear scan of the prose lines of a document. */
import type { PostmortemModel, Range, TimelineEntry } from '../../../../common/model';

/** The lines of a text, without line endings. The array is shared by the rules that ask for the same text: do not change it. */
export function splitLines(text: string): string[] {
  if (text !== lastSplit.text) lastSplit = { text, lines: text.split(/\r\n|\r|\n/) };
  return lastSplit.lines;
}
let lastSplit: { text: string; lines: string[] } = { text: '', lines: [''] };

/** `range` clipped to its first line (a squiggle over a whole multi-line item is noise). */
export function firstLine(range: Range, lines?: string[]): Range {
  if (range.end.line === range.start.line) return range;
  const len = lines?.[range.start.line]?.length;
  const end = len !== undefined && len > range.start.character ? len : range.start.character + 1;
  return { start: range.start, end: { line: range.start.line, character: end } };
}

/** The range to report an entry at: the entry when it is one line, else its time. */
export function entryRange(e: TimelineEntry): Range {
  return e.range.start.line === e.range.end.line ? e.range : e.timeRange;
}

/** "2024-05-01T14:03:00Z" -> "14:03" (or with the date when `withDate`). */
export function shortTime(iso: string, withDate = false): string {
  return withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(11, 16);
}

/**
 * A time as written, followed by how it was read in parentheses when that reads differently:
 * "2:10 PM (14:10)", but "14:10" alone (markup and a trailing colon do not count as a difference).
 */
export function writtenTime(raw: string, iso: string, withDate = false): string {
  const read = shortTime(iso, withDate);
  const plain = raw.replace(/[*_`]/g, '').replace(/:$/, '').replace(/\s+/g, ' ').trim();
  return plain === read ? raw : `${raw} (${read})`;
}

export function sameDay(a: string, b: string): boolean {
  return a.slice(0, 10) === b.slice(0, 10);
}

/** Replace the inside of inline code spans (`x`, ``x``) with spaces, keeping offsets. */
export function maskInlineCode(line: string): string {
  if (!line.includes('`')) return line;
  const runs: { start: number; len: number }[] = [];
  for (let i = 0; i < line.length;) {
    if (line[i] !== '`') { i++; continue; }
    let j = i;
    while (line[j] === '`') j++;
    runs.push({ start: i, len: j - i });
    i = j;
  }
  const byLen = new Map<number, number[]>();
  runs.forEach((r, k) => { const list = byLen.get(r.len) ?? []; list.push(k); byLen.set(r.len, list); });
  const cursor = new Map<number, number>();
  const chars = line.split('');
  let consumedTo = -1;
  for (let k = 0; k < runs.length; k++) {
    if (k <= consumedTo) continue;
    const r = runs[k]!;
    const list = byLen.get(r.len)!;
    let c = cursor.get(r.len) ?? 0;
    while (c < list.length && list[c]! <= k) c++;
    cursor.set(r.len, c);
    if (c >= list.length) continue;
    const close = runs[list[c]!]!;
    for (let p = r.start; p < close.start + close.len; p++) chars[p] = ' ';
    consumedTo = list[c]!;
  }
  return chars.join('');
}

/**
 * Calls `visit(lineText, lineNumber)` for each prose line: not in the frontmatter, not in a fenced code
 * block, with inline code masked out. Linear in the text's length.
 */
export function forEachProseLine(model: PostmortemModel, text: string, visit: (line: string, index: number) => void, lines = splitLines(text)): void {
  const fm = model.metadata.frontmatter?.range;
  const key = fm ? `${fm.start.line}:${fm.end.line}` : '';
  // Several rules scan the same text: find its prose lines once.
  if (lines !== lastProse.lines || key !== lastProse.key) lastProse = { lines, key, prose: proseLines(lines, fm) };
  for (const { line, index } of lastProse.prose) visit(line, index);
}
let lastProse: { lines: string[]; key: string; prose: { line: string; index: number }[] } = { lines: [], key: '', prose: [] };

/** The prose lines (inline code masked) and their indexes. */
function proseLines(lines: string[], fm: Range | undefined): { line: string; index: number }[] {
  const out: { line: string; index: number }[] = [];
  let fence: { ch: string; len: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (fm && i >= fm.start.line && i <= fm.end.line) continue;
    const line = lines[i]!;
    // Fences may sit inside block quotes ("> ```").
    // Quote markers without an optional space inside the repetition: `(?: {0,3}> ?)*` backtracks exponentially
    // on a deeply quoted line that is not a fence (a 60-deep quote hung the server).
    const m = line.includes('`') || line.includes('~') ? /^(?: {0,3}>)* {0,4}(`{3,}|~{3,})(.*)$/.exec(line) : null;
    if (fence) {
      if (m && m[1]![0] === fence.ch && m[1]!.length >= fence.len && m[2]!.trim() === '') fence = null;
      continue;
    }
    if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) {
      fence = { ch: m[1]![0]!, len: m[1]!.length };
      continue;
    }
    out.push({ line: maskInlineCode(line), index: i });
  }
  return out;
}
