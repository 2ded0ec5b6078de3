/** Helpers shared by the rules: ranges clipped to a line, times as written, and the prose lines of the model. */
import type { PostmortemModel, ProseLine, Range, TimelineEntry } from '../../../../common/model';

/** `range` clipped to its first line (a squiggle over a whole multi-line item is noise), up to that line's prose. */
export function firstLine(range: Range, model: PostmortemModel): Range {
  if (range.end.line === range.start.line) return range;
  const len = proseLine(model, range.start.line)?.text.trimEnd().length;
  const end = len !== undefined && len > range.start.character ? len : range.start.character + 1;
  return { start: range.start, end: { line: range.start.line, character: end } };
}

/** The prose of a line (code blanked), or undefined when the line holds none. Binary search: the lines are in order. */
export function proseLine(model: PostmortemModel, line: number): ProseLine | undefined {
  const prose = model.blocks.prose;
  let lo = 0;
  let hi = prose.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = prose[mid]!.line;
    if (at === line) return prose[mid];
    if (at < line) lo = mid + 1; else hi = mid - 1;
  }
  return undefined;
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

/** "a", "a or b", "a, b or c". */
export function orList(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** An item's or entry's text shortened for a message. */
export function short(text: string, max = 50): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
