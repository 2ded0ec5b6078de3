/**
 * Raw timeline entries out of the blocks of a timeline: table rows, list items, headings
 * (with their body) and paragraphs that start with a time. Dates and zones are resolved later.
 */
import type { Heading, List, Paragraph, Table, TableCell } from 'mdast';
import type { TimelineEntry } from '../../../../../common/model';
import { resolveZone } from '../../../../../common/zones';
import type { ParsedDocument } from '../../types';
import { Memo } from '../../memo';
import { findTimestamp, scanTimestamp } from '../timestampScan';
import { proseSlice } from '../blocks';
import { type Block, endOf, headingText, plainText, sourceOf, startOf, stripLeadingSeparators } from './text';

export interface RawEntry {
  /** 'date': a date heading that sets the date of the entries below it. */
  kind: 'entry' | 'date';
  raw: string;
  /** Offsets of the timestamp as written (equal when there is none). */
  timeStart: number;
  timeEnd: number;
  start: number;
  end: number;
  text: string;
  style: TimelineEntry['style'];
  /** Zone named by a table header ("Date and Time in CET"). */
  zone?: string;
  /** Raw used for reading when it differs from what is shown (a date and a time in two columns). */
  readAs?: string;
  /** Offsets of the date when it is written apart from the time (its own table column). */
  dateStart?: number;
  dateEnd?: number;
}

/** Where a table keeps each part of an entry's time: columns, and what the headers add (a year, a zone). */
interface TimeColumns {
  time: number;
  date: number;
  zone: number;
  /** A year written in the date or time header ("Date (2024)"). */
  year?: number;
}

const BODY_LIMIT = 1000;

function clip(text: string): string {
  return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT - 1)}…` : text;
}

function hasTime(text: string, start: number): boolean {
  const s = scanTimestamp(text, start);
  return !!s?.hasTime;
}

function startsWithTime(doc: ParsedDocument, b: Block): boolean {
  if (b.type === 'table') return true;
  if (b.type === 'paragraph') return !!findTimestamp(sourceOf(doc, b));
  if (b.type === 'list') return b.children.some((item) => item.children[0]?.type === 'paragraph' && !!findTimestamp(sourceOf(doc, item.children[0])));
  return false;
}

/** A paragraph whose first thing is a time of day (`**10:30** - ...`, `10:30 UTC: ...`). */
function timeLed(doc: ParsedDocument, b: Paragraph): boolean {
  const src = sourceOf(doc, b);
  const ts = findTimestamp(src);
  return !!ts && ts.start <= 2 && hasTime(src, ts.start) && /^(?:\*\*|__)?[ \t]*(?:[:\-–—|]|$)|^[ \t]+(?:UTC|[-–—:])/.test(src.slice(ts.end));
}

/** Text of a heading entry's body: paragraphs, lists, quotes and tables, without code. */
function bodyText(doc: ParsedDocument, body: Block[]): string {
  return body
    .filter((b) => b.type === 'paragraph' || b.type === 'list' || b.type === 'blockquote' || b.type === 'table')
    .map((b) => plainText(sourceOf(doc, b)))
    .filter(Boolean)
    .join(' ');
}

function headingEntries(doc: ParsedDocument, blocks: Block[], i: number, out: RawEntry[]): number {
  const h = blocks[i] as Heading;
  const { text, offset } = headingText(doc, h);
  let j = i + 1;
  while (j < blocks.length && blocks[j]!.type !== 'heading') j++;
  const ts = findTimestamp(text);
  if (!ts) return i; // an ordinary sub-heading: its blocks are read as they come
  // A paragraph that starts with its own time (`**10:30** - ...`) is an entry of its own, not the heading's body.
  const own = blocks.findIndex((b, k) => k > i && k < j && b.type === 'paragraph' && timeLed(doc, b));
  if (own > 0 && hasTime(text, ts.start)) j = own;
  const body = blocks.slice(i + 1, j);
  if (!hasTime(text, ts.start)) {
    const next = blocks[i + 1];
    const deeper = next?.type === 'heading' && next.depth > h.depth;
    if (deeper || body.some((b) => startsWithTime(doc, b))) {
      out.push({ kind: 'date', raw: ts.raw, timeStart: offset + ts.start, timeEnd: offset + ts.end, start: startOf(h), end: endOf(h), text: '', style: 'heading' });
      return i;
    }
  }
  const title = plainText(stripLeadingSeparators(text.slice(ts.end)));
  const entryText = clip([title, bodyText(doc, body)].filter(Boolean).join(' '));
  const end = body.length ? endOf(body[body.length - 1]!) : endOf(h);
  out.push({ kind: 'entry', raw: ts.raw, timeStart: offset + ts.start, timeEnd: offset + ts.end, start: startOf(h), end, text: entryText, style: 'heading' });
  return j - 1;
}

/** `**Label** (13 August, ~15:00 UTC)`: a time in the last parenthesis of the item's first line. */
function trailingTime(src: string): { start: number; end: number; raw: string; paren: [number, number] } | null {
  const firstLine = src.split('\n')[0]!;
  const re = /\(([^()]*)\)/g;
  let m: RegExpExecArray | null;
  let found: ReturnType<typeof trailingTime> = null;
  while ((m = re.exec(firstLine))) {
    const ts = findTimestamp(m[1]!);
    if (ts && hasTime(m[1]!, ts.start)) {
      const base = m.index + 1;
      found = { start: base + ts.start, end: base + ts.end, raw: ts.raw, paren: [m.index, m.index + m[0].length] };
    }
  }
  return found;
}

/**
 * A time at the start of an entry that the scanner does not read: `14h30`, `14.30` (read as 14:30), or a time-like
 * token that is no time (`25:70`, `9:5`), kept so the entry is not lost (its time is reported as unreadable).
 */
function oddLeadingTime(src: string): { start: number; end: number; raw: string; readAs: string } | null {
  const m = /^((?:\*\*|__)?[ \t]*)(\d{1,2})([h.:])(\d{1,2})(?![\d.:])(?:[ \t]*(?:\*\*|__))?(?=[ \t]*(?:[:\-–—|]|$)|[ \t]+\S)/.exec(src);
  if (!m) return null;
  const start = m[1]!.length;
  const raw = `${m[2]}${m[3]}${m[4]}`;
  const [h, min] = [Number(m[2]), Number(m[4])];
  const readable = m[4]!.length === 2 && h < 24 && min < 60;
  // `1.5 million` or a numbered sentence is no time: the dotted form only with two-digit minutes.
  if (m[3] === '.' && !readable) return null;
  return { start, end: start + raw.length, raw, readAs: readable ? `${String(h).padStart(2, '0')}:${m[4]}` : raw };
}

function listEntries(doc: ParsedDocument, list: List, out: RawEntry[]): void {
  const timed = list.children.filter((item) => item.children[0]?.type === 'paragraph' && !!findTimestamp(sourceOf(doc, item.children[0])));
  for (const item of list.children) {
    const para = item.children[0];
    if (!para || para.type !== 'paragraph') continue;
    const src = sourceOf(doc, para);
    const base = startOf(para);
    const ts = findTimestamp(src);
    const odd = ts ? null : oddLeadingTime(src);
    // `14h30`/`14.30` always; an unreadable token only among entries that have times.
    if (odd && (odd.readAs !== odd.raw || timed.length > 0)) {
      const rest = proseSlice(doc, base + odd.end, endOf(item)).replace(/^[ \t]*(?:\*\*|__)/, '');
      out.push({ kind: 'entry', raw: odd.raw, readAs: odd.readAs, timeStart: base + odd.start, timeEnd: base + odd.end, start: startOf(item), end: endOf(item), text: clip(plainText(stripLeadingSeparators(rest))), style: 'list' });
      continue;
    }
    if (ts) {
      const rest = proseSlice(doc, base + ts.end, endOf(item));
      out.push({ kind: 'entry', raw: ts.raw, timeStart: base + ts.start, timeEnd: base + ts.end, start: startOf(item), end: endOf(item), text: clip(plainText(stripLeadingSeparators(rest))), style: 'list' });
      continue;
    }
    const tail = trailingTime(src);
    if (tail) {
      const rest = src.slice(0, tail.paren[0]) + src.slice(tail.paren[1]) + proseSlice(doc, endOf(para), endOf(item));
      out.push({ kind: 'entry', raw: tail.raw, timeStart: base + tail.start, timeEnd: base + tail.end, start: startOf(item), end: endOf(item), text: clip(plainText(rest)), style: 'list' });
      continue;
    }
    const inline = timeInSentence(src);
    if (inline) {
      out.push({ kind: 'entry', raw: inline.raw, timeStart: base + inline.start, timeEnd: base + inline.end, start: startOf(item), end: endOf(item), text: clip(plainText(proseSlice(doc, base, endOf(item)))), style: 'list' });
    }
  }
}

/** `Alert fired at 14:03 UTC`: a time of day after "at", "around" or "by" in the item's first line. */
function timeInSentence(src: string): { start: number; end: number; raw: string } | null {
  const firstLine = src.split('\n')[0]!;
  const m = /\b(?:at|around|about|by|from|until)\s+(?=~?\d{1,2}(?::\d{2}|\s?[aApP]\.?[mM]))/i.exec(firstLine);
  if (!m) return null;
  // "around 14:40" stays in the time as written: it marks the time approximate.
  const from = /^(?:around|about)/i.test(m[0]) ? m.index : m.index + m[0].length;
  const ts = findTimestamp(firstLine.slice(from));
  if (!ts || ts.start !== 0 || !hasTime(firstLine.slice(from), 0)) return null;
  return { start: from, end: from + ts.end, raw: ts.raw };
}

const isBlank = (c: number) => c === 32 || c === 9;

/** A cell's content without its pipes and the blanks around it (by a loop: an end-anchored regex is tried at every position). */
function cellContent(doc: ParsedDocument, cell: TableCell | undefined): { text: string; offset: number } {
  if (!cell) return { text: '', offset: 0 };
  const src = sourceOf(doc, cell);
  let lead = src.charCodeAt(0) === 124 ? 1 : 0;
  while (lead < src.length && isBlank(src.charCodeAt(lead))) lead++;
  let end = src.length;
  while (end > lead && isBlank(src.charCodeAt(end - 1))) end--;
  if (end > lead && src.charCodeAt(end - 1) === 124) {
    end--;
    while (end > lead && isBlank(src.charCodeAt(end - 1))) end--;
  }
  return { text: src.slice(lead, end), offset: startOf(cell) + lead };
}

/** What a table row says, with offsets relative to the row's start (see `rowReads`). */
type RowRead = Pick<RawEntry, 'raw' | 'timeStart' | 'timeEnd' | 'text' | 'readAs' | 'dateStart' | 'dateEnd' | 'zone'>;

/**
 * Rows read before, by their text and the table's time/date columns: the timeline is re-read on every edit and
 * almost every row of a long table is unchanged (the cells of a row follow from its text and its number of cells).
 */
const rowReads = new Memo<RowRead>();

function readRow(doc: ParsedDocument, row: Table['children'][number], cols: TimeColumns): RowRead {
  const base = startOf(row);
  const key = `${cols.time}\u0000${cols.date}\u0000${cols.zone}\u0000${cols.year ?? ''}\u0000${row.children.length}\u0000${sourceOf(doc, row)}`;
  return rowReads.get(key, () => readRowCells(doc, row, base, cols));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function readRowCells(doc: ParsedDocument, row: Table['children'][number], base: number, cols: TimeColumns): RowRead {
  const cell = cellContent(doc, row.children[cols.time]);
  const ts = findTimestamp(cell.text, { military: true });
  const dateCell = cols.date >= 0 ? cellContent(doc, row.children[cols.date]) : null;
  const date = dateCell ? findTimestamp(dateCell.text) : null;
  const zoneCell = cols.zone >= 0 ? plainText(cellContent(doc, row.children[cols.zone]).text) : '';
  const skip = new Set([cols.time, cols.date, cols.zone]);
  const text = row.children
    .map((c, i) => (skip.has(i) ? '' : plainText(cellContent(doc, c).text)))
    .filter(Boolean)
    .join(' — ');
  const raw = ts ? ts.raw : cell.text.trim();
  const read: RowRead = {
    raw,
    timeStart: cell.offset - base + (ts ? ts.start : 0), timeEnd: cell.offset - base + (ts ? ts.end : cell.text.trimEnd().length),
    text: clip(text),
  };
  if (zoneCell && resolveZone(zoneCell)) read.zone = zoneCell;
  // The date as the reader puts it together: the date cell, with the header's year when the cell has none.
  let dateRaw = date?.raw;
  const scan = dateRaw ? scanTimestamp(dateRaw, 0) : ts ? scanTimestamp(raw, 0, { military: true }) : null;
  if (cols.year && scan?.hasDate && scan.year === undefined && scan.month && scan.day) dateRaw = `${cols.year}-${pad2(scan.month)}-${pad2(scan.day)}`;
  if (date && dateCell) {
    // A date in its own column is part of the time as written: "2025-03-12 15:57" is how a person reads the row.
    read.raw = `${date.raw} ${raw}`.trim();
    read.readAs = `${dateRaw} ${ts ? raw : ''}`.trim();
    read.dateStart = dateCell.offset - base + date.start;
    read.dateEnd = dateCell.offset - base + date.end;
  } else if (dateRaw && dateRaw !== date?.raw && ts && scan) {
    // The time cell holds a date without a year ("Nov 28 14:03"): the header gives it.
    read.readAs = `${dateRaw} ${raw.slice(scan.end).replace(/^[\s,T]+/, '')}`.trim();
  }
  return read;
}

function tableEntries(doc: ParsedDocument, table: Table, out: RawEntry[]): void {
  const [head, ...rows] = table.children;
  if (!head) return;
  const headers = head.children.map((c) => plainText(cellContent(doc, c).text));
  let timeCol = headers.findIndex((h) => /\b(time|timestamp|when|date and time|datetime)\b/i.test(h));
  let dateCol = headers.findIndex((h, i) => i !== timeCol && /^\s*(date|day)\b/i.test(h));
  const zoneCol = headers.findIndex((h, i) => i !== timeCol && i !== dateCol && /^\s*(?:time ?zone|zone|tz)\s*$/i.test(h));
  if (timeCol < 0 && dateCol >= 0) [timeCol, dateCol] = [dateCol, -1];
  if (timeCol < 0) {
    const hits = headers.map((_, col) => rows.filter((r) => !!findTimestamp(cellContent(doc, r.children[col]).text)).length);
    const best = Math.max(0, ...hits);
    if (best === 0 || best < rows.length / 2) return;
    timeCol = hits.indexOf(best);
    dateCol = -1;
  }
  const year = /\b(19\d{2}|20\d{2})\b/.exec(`${headers[dateCol] ?? ''} ${headers[timeCol]}`)?.[1];
  const cols: TimeColumns = { time: timeCol, date: dateCol, zone: zoneCol, ...(year ? { year: Number(year) } : {}) };
  const headerZoneText = `${headers[timeCol]} ${dateCol >= 0 ? headers[dateCol] : ''}`.replace(/\b(date|time|and|in|timestamp|day)\b|\b(19|20)\d{2}\b/gi, '');
  const headerZone = resolveZone(headerZoneText) ? headerZoneText.replace(/[()[\]]/g, ' ').trim() : undefined;
  for (const row of rows) {
    const read = readRow(doc, row, cols);
    const base = startOf(row);
    const entry: RawEntry = {
      kind: 'entry', raw: read.raw, timeStart: base + read.timeStart, timeEnd: base + read.timeEnd,
      start: base, end: endOf(row), text: read.text, style: 'table',
    };
    const zone = read.zone ?? headerZone;
    if (zone) entry.zone = zone;
    if (read.readAs !== undefined) entry.readAs = read.readAs;
    if (read.dateStart !== undefined && read.dateEnd !== undefined) { entry.dateStart = base + read.dateStart; entry.dateEnd = base + read.dateEnd; }
    out.push(entry);
  }
}

/** A time of day leading a line (`**10:40** ...`, `10:40 UTC - ...`): see `timeLed`. */
function lineTimeLed(line: string): boolean {
  const ts = findTimestamp(line);
  return !!ts && ts.start <= 2 && hasTime(line, ts.start) && /^(?:\*\*|__)?[ \t]*(?:[:\-–—|]|$)|^(?:\*\*|__)?[ \t]+\S|^[ \t]+(?:UTC|[-–—:])/.test(line.slice(ts.end));
}

/**
 * A paragraph whose every line starts with a time (`**10:40** ...` lines with no blank line between them, as
 * Confluence and Google Docs exports write a timeline): one entry per line.
 */
function lineEntries(doc: ParsedDocument, p: Paragraph, out: RawEntry[]): boolean {
  const src = sourceOf(doc, p);
  let lines = src.split('\n');
  let offset = startOf(p);
  // `Timeline (UTC):` on the first line, the entries under it.
  if (lines.length > 1 && /^[A-Za-z][^:]{0,60}:\s*$/.test(lines[0]!) && !lineTimeLed(lines[0]!)) {
    offset += lines[0]!.length + 1;
    lines = lines.slice(1);
    if (lines.length === 1 && !lineTimeLed(lines[0]!.replace(/\s+$/, ''))) return false;
  } else if (lines.length < 2) return false;
  if (!lines.every((l) => lineTimeLed(l.replace(/\s+$/, '')))) return false;
  for (const line of lines) {
    const ts = findTimestamp(line)!;
    const content = line.replace(/[ \t]+$|\\$/g, '');
    out.push({
      kind: 'entry', raw: ts.raw, timeStart: offset + ts.start, timeEnd: offset + ts.end, start: offset, end: offset + content.length,
      text: clip(plainText(stripLeadingSeparators(content.slice(ts.end)))), style: 'paragraph',
    });
    offset += line.length + 1;
  }
  return true;
}

/** `2015-10-21 (all times UTC)`: a date alone (with at most a remark on the zone) sets the date of what follows. */
function dateLine(src: string): boolean {
  const ts = findTimestamp(src);
  if (!ts || ts.start > 2 || hasTime(src, ts.start)) return false;
  const rest = plainText(src.slice(ts.end)).replace(/^[\s*_:,.–—-]+|[\s*_:.]+$/g, '');
  return rest === '' || /^\((?:all )?times?\b[^()]*\)$|^\([A-Z]{2,5}\)$/i.test(rest);
}

function paragraphEntry(doc: ParsedDocument, p: Paragraph, out: RawEntry[]): void {
  const src = sourceOf(doc, p);
  const ts = findTimestamp(src);
  const base = startOf(p);
  if (ts && dateLine(src)) {
    out.push({ kind: 'date', raw: ts.raw, timeStart: base + ts.start, timeEnd: base + ts.end, start: base, end: endOf(p), text: '', style: 'paragraph' });
    return;
  }
  if (lineEntries(doc, p, out)) return;
  if (!ts) {
    const odd = oddLeadingTime(src);
    if (odd && odd.readAs !== odd.raw) {
      const rest = src.slice(odd.end).replace(/^[ \t]*(?:\*\*|__)/, '');
      out.push({ kind: 'entry', raw: odd.raw, readAs: odd.readAs, timeStart: base + odd.start, timeEnd: base + odd.end, start: base, end: endOf(p), text: clip(plainText(stripLeadingSeparators(rest))), style: 'paragraph' });
    }
    return;
  }
  out.push({ kind: 'entry', raw: ts.raw, timeStart: base + ts.start, timeEnd: base + ts.end, start: base, end: endOf(p), text: clip(plainText(stripLeadingSeparators(src.slice(ts.end)))), style: 'paragraph' });
}

/** Entries (and date headings) of a run of blocks, in document order. */
export function collectEntries(doc: ParsedDocument, blocks: Block[]): RawEntry[] {
  const out: RawEntry[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'heading') i = headingEntries(doc, blocks, i, out);
    else if (b.type === 'list') listEntries(doc, b, out);
    else if (b.type === 'table') tableEntries(doc, b, out);
    else if (b.type === 'paragraph') paragraphEntry(doc, b, out);
  }
  return out;
}
