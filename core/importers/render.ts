/**
 * How one imported entry is written in a timeline: its time in the document's zone and in the form of the entry
 * it goes next to (date or not, seconds, 12-hour clock, zone suffix, emphasis), and its line in that entry's style.
 * Pure; the template is the neighbour's first line and where its time is (from the model's `timeRange`).
 */
import { resolveZone, zoneOffsetAt } from '../../common/zones';
import type { TimelineEntry } from '../../common/model';
import { escapeText, inlineFor } from './markdown';
import type { ImportedEntry } from './types';

export interface Wall {
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  seconds: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock date and time of an instant in a zone (UTC when the zone is not understood). */
export function wallTime(instant: string, zone: string): Wall {
  const d = new Date(instant);
  const spec = resolveZone(zone);
  const offset = (spec ? zoneOffsetAt(spec, d) : 0) ?? 0;
  const local = new Date(d.getTime() + offset * 60_000);
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
  };
}

/** Standard/daylight pairs: a suffix is rewritten to the one in force at the entry's instant. */
const DST_PAIRS: readonly [string, string][] = [
  ['PST', 'PDT'], ['MST', 'MDT'], ['CST', 'CDT'], ['EST', 'EDT'], ['AKST', 'AKDT'], ['CET', 'CEST'], ['MEZ', 'MESZ'],
  ['EET', 'EEST'], ['WET', 'WEST'], ['GMT', 'BST'], ['AEST', 'AEDT'], ['ACST', 'ACDT'], ['NZST', 'NZDT'],
];

/** The zone suffix as it should read at `instant`: PST in winter, PDT in summer. */
export function seasonalSuffix(suffix: string, instant: string): string {
  return suffix.replace(/\b([A-Z]{3,5})\b/g, (abbr) => {
    const pair = DST_PAIRS.find((p) => p.includes(abbr));
    if (!pair) return abbr;
    const spec = resolveZone(pair[0] === 'GMT' ? 'Europe/London' : pair[0]);
    if (!spec) return abbr;
    const at = zoneOffsetAt(spec, new Date(instant));
    const year = new Date(instant).getUTCFullYear();
    const jan = zoneOffsetAt(spec, new Date(Date.UTC(year, 0, 15)));
    const jul = zoneOffsetAt(spec, new Date(Date.UTC(year, 6, 15)));
    if (at === null || jan === null || jul === null) return abbr;
    return at > Math.min(jan, jul) ? pair[1] : pair[0];
  });
}

const RAW = /^(.*?)(\d{4}-\d{2}-\d{2})?([ T])?(\d{1,2}):(\d{2})(:\d{2})?(\s?[AaPp]\.?[Mm]\.?)?(.*)$/s;

/** `raw` (a time as written) rewritten to `wall`, with a date when `withDate` or when `raw` had one. */
export function formatTime(raw: string, wall: Wall, instant: string, withDate: boolean): string {
  const m = RAW.exec(raw.replace(/^(\**_*)\s*(?:~|≈|ca\.|circa|approx\.?|about)\s*/i, '$1'));
  const h = Math.floor(wall.minutes / 60);
  const min = wall.minutes % 60;
  if (!m) return `${withDate ? `${wall.date} ` : ''}${pad(h)}:${pad(min)}`;
  const [, before = '', date, sep, hours = '', , secs, ampm, after = ''] = m;
  let time: string;
  if (ampm) {
    const letter = h >= 12 ? 'p' : 'a';
    const suffix = ampm.replace(/[AaPp]/, (c) => (c === c.toUpperCase() ? letter.toUpperCase() : letter));
    time = `${String(h % 12 === 0 ? 12 : h % 12).padStart(hours.length, '0')}:${pad(min)}${secs ? `:${pad(wall.seconds)}` : ''}${suffix}`;
  } else {
    time = `${pad(h)}:${pad(min)}${secs ? `:${pad(wall.seconds)}` : ''}`;
  }
  const dated = date || withDate ? `${wall.date}${date ? sep ?? ' ' : ' '}` : '';
  const cleanBefore = date ? before : before.replace(/\d{4}-\d{2}-\d{2}\s*$/, '');
  return `${cleanBefore}${dated}${time}${seasonalSuffix(after, instant)}`;
}

/** Where a new entry takes its form from: the neighbour's first line and its time's columns on that line. */
export interface Template {
  style: TimelineEntry['style'];
  line: string;
  timeStart: number;
  timeEnd: number;
  /** Cells of the table's header (tables only), to find an author column. */
  header?: string[];
}

/** Splits a table row at unescaped pipes outside code spans. */
export function splitRow(line: string): { cells: string[]; leading: boolean; trailing: boolean; indent: string; starts: number[] } {
  const pipes: number[] = [];
  let inCode = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') { i++; continue; }
    if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) pipes.push(i);
  }
  const indent = /^\s*/.exec(line)![0];
  const leading = line.trimStart().startsWith('|');
  const trailing = line.trimEnd().endsWith('|') && (pipes.length > 1 || !leading);
  const bounds = [...(leading ? [] : [indent.length - 1]), ...pipes, ...(trailing ? [] : [line.length])];
  const cells: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    cells.push(line.slice(bounds[i]! + 1, bounds[i + 1]).trim());
    starts.push(bounds[i]! + 1);
  }
  return { cells, leading, trailing, indent, starts };
}

const AUTHOR_COLUMN = /^(?:who|author|by|owner|person|people|actor|source|responder|from)s?$/i;

export interface RenderedTime {
  top: string;
  /** Times of the replies, in the same form without a date. */
  replies: string[];
}

/** The lines (joined by `\n`) of a thread (first entry and its replies) in the template's style. */
export function renderThread(template: Template, thread: readonly ImportedEntry[], times: RenderedTime): string {
  const [top, ...replies] = thread;
  if (!top) return '';
  const said = (e: ImportedEntry, place: 'table' | 'line') => `**${inlineFor(escapeText(e.author), place)}**: ${inlineFor(e.text, place)}`;
  if (template.style === 'table') {
    const row = splitRow(template.line);
    const timeCol = Math.max(0, row.starts.findIndex((s, i) => template.timeStart >= s && (i + 1 >= row.starts.length || template.timeStart < row.starts[i + 1]!)));
    const authorCol = template.header?.findIndex((h, i) => i !== timeCol && AUTHOR_COLUMN.test(h.replace(/[*_`]/g, '').trim())) ?? -1;
    let textCol = row.cells.findIndex((_c, i) => i > timeCol && i !== authorCol);
    if (textCol < 0) textCol = row.cells.findIndex((_c, i) => i !== timeCol && i !== authorCol);
    const threadText = replies.map((r, i) => ` ↳ ${times.replies[i]} ${said(r, 'table')}`).join('');
    const timeCell = row.cells[timeCol] ?? '';
    const rawTime = template.line.slice(template.timeStart, template.timeEnd);
    const cellTime = timeCell.includes(rawTime) ? timeCell.replace(rawTime, times.top) : times.top;
    const cells = row.cells.map((_c, i) => {
      if (i === timeCol) return cellTime;
      if (i === authorCol) return inlineFor(escapeText(top.author), 'table');
      if (i === textCol) return (authorCol >= 0 ? inlineFor(top.text, 'table') : said(top, 'table')) + threadText;
      return '';
    });
    return `${row.indent}${row.leading ? '| ' : ''}${cells.join(' | ')}${row.trailing ? ' |' : ''}`;
  }
  const prefix = template.line.slice(0, template.timeStart).replace(/\[[xX]\]/, '[ ]');
  let sep = /^[*_]*\s*(?:[—–:-]+|\|)?[*_]*\s*/.exec(template.line.slice(template.timeEnd))![0];
  if (sep === '') sep = ' ';
  else if (!/\s$/.test(sep)) sep += ' ';
  let first = `${prefix}${times.top}${sep}${said(top, 'line')}`;
  if (template.style === 'heading') first = first.replace(/(#+)(\s*)$/, (_m, hashes: string, ws: string) => `${hashes.replace(/#/g, '\\#')}${ws}`);
  if (!replies.length) return first;
  if (template.style === 'list') {
    // Nested under the item: indented to where the item's content starts (`- ` -> 2, `1. ` -> 3).
    const marker = /^\s*(?:[-*+]|\d+[.)])\s+/.exec(prefix);
    const indent = ' '.repeat(marker ? marker[0].length : 2);
    return [first, ...replies.map((r, i) => `${indent}- ${times.replies[i]} — ${said(r, 'line')}`)].join('\n');
  }
  // A heading's replies form its body; a paragraph's continue it (a paragraph of their own would be no part of the entry).
  const body = replies.map((r, i) => `↳ ${times.replies[i]} ${said(r, 'line')}`).join('\n');
  return `${first}${template.style === 'heading' ? '\n\n' : '\n'}${body}`;
}
