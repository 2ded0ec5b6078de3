/**
 * Timestamps as people write them in postmortems: reading (`findTimestamp`, `parseTimestamp`),
 * zones (`resolveZone`, `zoneOffsetMinutes`) and writing (`formatTimestamp`).
 *
 * A US/EU zone abbreviation is read as the region's clock on that date ("PST" on a summer date is
 * Pacific time that day, i.e. UTC-7), as a careful reader does; explicit offsets (`UTC+2`) are fixed.
 */
import { DateTime } from 'luxon';
import * as chrono from 'chrono-node';
import { resolveZone, ZONE_ABBREVIATION_PATTERN, type ZoneSpec } from '../../../../common/zones';
import { Memo } from '../memo';

export interface ParsedTime {
  iso: string | null;
  approximate: boolean;
  zone: string | null;
  date?: string;
  note?: string;
}

/** How the document writes numeric dates: `28/11/2024` (day first) or `11/28/2024` (month first). */
export type DateOrder = 'dmy' | 'mdy';

export interface TimestampContext {
  date?: string;
  zone?: string | null;
  defaultZone: string;
  /** How to read an ambiguous numeric date (`04/02/2019`); month first when unknown. */
  dateOrder?: DateOrder;
  /** The year the document is about when no date is known ("Outage — May 2024"), for dates written without one. */
  year?: number;
}

/** What the scanner may take as a time besides the usual forms. */
export interface ScanOptions {
  /** `0730` on its own is a time (a table column headed "Time"); elsewhere only with a date or a zone after it. */
  military?: boolean;
}

/** What the scanner recognised, before any context is applied. */
export interface TimestampScan {
  start: number;
  end: number;
  approximate: boolean;
  /** A date was written (complete or not). */
  hasDate: boolean;
  year?: number;
  month?: number;
  day?: number;
  /** `2023-MM-DD`: a date with unknown parts. */
  dateUnknown?: boolean;
  /** `04/02/2019`: both numbers could be the month; `day`/`month` hold the day-first reading. */
  orderAmbiguous?: boolean;
  /** A time of day was written (possibly unknown: `???`, `X`, `2X:XX`). */
  hasTime: boolean;
  hour?: number;
  minute?: number;
  second?: number;
  timeUnknown?: boolean;
  /** Hour after AM/PM (0-23) when known. */
  oddPm?: boolean;
  zoneText?: string;
  note?: string;
}

// ---------------------------------------------------------------- zones

// The zone tables and resolution live in common/zones.ts (shared with the client); re-exported here.
export { resolveZone, zoneOffsetMinutes } from '../../../../common/zones';
export type { ZoneSpec } from '../../../../common/zones';
const ABBR_RE = ZONE_ABBREVIATION_PATTERN;

// ---------------------------------------------------------------- scanning

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_RE = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const monthOf = (name: string) => MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase()) + 1;

const RE = {
  approx: /(?:~|≈|ca\.?\s|circa\s|c\.\s|approx(?:\.|imately)?\s|around\s|about\s)\s*/iy,
  weekday: /(?:mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday)?\.?,?\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/iy,
  isoDate: /(\d{4})-(\d{1,2}|[MXx?]{2})-(\d{1,2}|[DXx?]{2})(?![\d])/y,
  numericDate: /(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.]\d)/y,
  slashDate: /(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/y,
  monthDayNumeric: /(\d{2})-(\d{2})(?=\s+\d{1,2}:\d{2})/y,
  monthFirst: new RegExp(`(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?:,?\\s+(\\d{4})(?![\\d:]))?`, 'iy'),
  dayFirst: new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(${MONTH_RE})\\b\\.?(?:,?\\s+(\\d{4})(?![\\d:]))?`, 'iy'),
  dateTimeSep: /(?:T|,?[ \t]+(?:(?:at|@)[ \t]+)?|,)/y,
  numericNoYear: /(\d{1,2})([/.])(\d{1,2})(?=,?[ \tT]+\d{1,2}:\d{2})/y,
  noon: /(?:12\s*)?(noon|midnight)\b/iy,
  unknownTime: /\?{2,}/y,
  clock: /(\d{1,2}|\d[xX]|[xX]{1,2}|--):(\d{2}|\d[xX]|[xX]{2}|--)(?::(\d{2})(?:\.\d+)?)?/y,
  military: /(\d{2})(\d{2})(?!\d)/y,
  militaryZoned: /(\d{2})(\d{2})(?=\s*(?:Z|UTC|GMT|hrs?|h)\b)/y,
  hourAmPm: /(\d{1,2})(?=\s?[aApP]\.?[mM]\.?(?![a-zA-Z]))/y,
  unknownX: /[xX](?![\w])/y,
  ampm: /\s?([aApP])\.?\s?[mM]\.?(?![a-zA-Z])/y,
  range: /\s*(?:-|–|—|to|until)\s*(?=~?\d{1,2}(?::\d{2}|\s?[aApP]\.?[mM]\.?(?![a-zA-Z]))|~?\d{4}(?!\d))/y,
  rangeEnd: /~?(?:\d{1,2}:\d{2}(?::\d{2})?|\d{4}(?!\d)|\d{1,2}(?=\s?[aApP]))(?:\s?[aApP]\.?[mM]\.?(?![a-zA-Z]))?/y,
  zoneZ: /Z(?![\w])/y,
  zoneOffset: /\s?\(?(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?\)?|[+-]\d{2}:?\d{2}(?!\d)/y,
  zoneWord: new RegExp(`\\s*\\(?(?:${ABBR_RE}|Eastern|Pacific|Central|Mountain)\\)?(?![\\w/])`, 'y'),
  zoneIana: /\s+[A-Z][a-z]+(?:_[A-Z][a-z]+)*\/[A-Z][A-Za-z_]+/y,
  dual: /\s*\(\s*\d{1,2}:\d{2}\s*(?:UTC|GMT|Z)\s*\)/y,
  note: /\s*\(([^)]*?(?:not sure|unsure|maybe|approx|about|around|earlier|later|\?)[^)]*)\)/iy,
};

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

const MARKUP = /[\s*_[(]*/y;
const LEAD_WORD = /(?:at|on)\s+(?=~?\d{1,2}(?::\d{2}|\s?[aApP]\.?[mM]\.?(?![a-zA-Z]))|~?\d{4}-\d{2}-\d{2})/iy;

/** Recognise a timestamp at `pos` (no markup skipping). */
export function scanTimestamp(text: string, pos = 0, options: ScanOptions = {}): TimestampScan | null {
  const s: TimestampScan = { start: pos, end: pos, approximate: false, hasDate: false, hasTime: false };
  let p = pos;
  let m = at(RE.approx, text, p);
  if (m) { s.approximate = true; p += m[0].length; }
  // `Monday, 7 August 2023`, `Tue 14:00`: the weekday says nothing the date does not.
  if ((m = at(RE.weekday, text, p))) p += m[0].length;
  // ---- date
  if ((m = at(RE.isoDate, text, p))) {
    s.hasDate = true; s.year = Number(m[1]);
    if (/\d\d/.test(m[2]!) && /\d\d/.test(m[3]!)) { s.month = Number(m[2]); s.day = Number(m[3]); } else s.dateUnknown = true;
  } else if ((m = at(RE.numericDate, text, p))) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    const y = m[4]!.length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    s.hasDate = true; s.year = y;
    // Day first unless only month-first can be right; both possible: the document's habit decides (readTimestamp).
    if (a > 12) { s.day = a; s.month = b; } else if (b > 12) { s.month = a; s.day = b; } else { s.day = a; s.month = b; s.orderAmbiguous = a !== b; }
  } else if ((m = at(RE.numericNoYear, text, p))) {
    // `5/1 14:03`: a day and a month before a time, the year from the context.
    const [a, b] = [Number(m[1]), Number(m[3])];
    s.hasDate = true;
    if (a > 12) { s.day = a; s.month = b; } else if (b > 12) { s.month = a; s.day = b; } else { s.day = a; s.month = b; s.orderAmbiguous = a !== b; }
  } else if ((m = at(RE.slashDate, text, p))) {
    s.hasDate = true; s.year = Number(m[1]); s.month = Number(m[2]); s.day = Number(m[3]);
  } else if ((m = at(RE.monthDayNumeric, text, p))) {
    s.hasDate = true; s.month = Number(m[1]); s.day = Number(m[2]);
  } else if ((m = at(RE.monthFirst, text, p))) {
    s.hasDate = true; s.month = monthOf(m[1]!); s.day = Number(m[2]); if (m[3]) s.year = Number(m[3]);
  } else if ((m = at(RE.dayFirst, text, p))) {
    s.hasDate = true; s.month = monthOf(m[2]!); s.day = Number(m[1]); if (m[3]) s.year = Number(m[3]);
  }
  if (s.hasDate) {
    if (s.month !== undefined && (s.month < 1 || s.month > 12 || s.day! < 1 || s.day! > 31)) return null;
    p += m![0].length;
    s.end = p;
    const sep = at(RE.dateTimeSep, text, p);
    if (!sep) return s;
    let q = p + sep[0].length;
    const ap = at(RE.approx, text, q);
    if (ap) q += ap[0].length;
    const t = scanTime(text, q, true, s, options);
    if (t > q) { if (ap) s.approximate = true; s.end = t; }
    return s;
  }
  const t = scanTime(text, p, false, s, options);
  if (t === p) return null;
  s.end = t;
  return s;
}

/** Time of day (+ am/pm, range, zone, notes) at `p`; returns the end (== p when none). */
function scanTime(text: string, p: number, afterDate: boolean, s: TimestampScan, options: ScanOptions): number {
  let m: RegExpExecArray | null;
  if ((m = at(RE.unknownTime, text, p))) {
    s.hasTime = true; s.timeUnknown = true; s.note = 'time unknown';
    return p + m[0].length;
  }
  if ((m = at(RE.noon, text, p))) {
    s.hasTime = true; s.hour = m[1]!.toLowerCase() === 'noon' ? 12 : 0; s.minute = 0;
    p += m[0].length;
  } else if ((m = at(RE.clock, text, p))) {
    const [h, mi, sec] = [m[1]!, m[2]!, m[3]];
    if (/^\d+$/.test(h) && Number(h) > 24) return p;
    if (/^\d+$/.test(mi) && Number(mi) > 59) return p;
    s.hasTime = true;
    if (!/^\d+$/.test(h)) { s.timeUnknown = true; s.approximate = true; s.note = h === '--' ? 'time unknown' : 'hour unknown'; }
    else {
      s.hour = Number(h);
      if (/^\d+$/.test(mi)) s.minute = Number(mi);
      else if (/^\d/.test(mi)) { s.minute = Number(mi[0]) * 10; s.approximate = true; s.note = `minutes unknown, read as ${h.padStart(2, '0')}:${mi[0]}0`; }
      else { s.minute = 0; s.approximate = true; if (mi === '--') { s.timeUnknown = true; s.note = 'time unknown'; } else s.note = 'minutes unknown'; }
      if (sec) s.second = Number(sec);
    }
    p += m[0].length;
  } else if ((m = at(afterDate || options.military ? RE.military : RE.militaryZoned, text, p)) && Number(m[1]) < 24 && Number(m[2]) < 60) {
    s.hasTime = true; s.hour = Number(m[1]); s.minute = Number(m[2]);
    p += m[0].length;
  } else if ((m = at(RE.hourAmPm, text, p)) && Number(m[1]) >= 1 && Number(m[1]) <= 12) {
    // `8am`, `3 PM`: an hour with AM/PM and no minutes.
    s.hasTime = true; s.hour = Number(m[1]); s.minute = 0;
    p += m[0].length;
  } else if (afterDate && (m = at(RE.unknownX, text, p))) {
    s.hasTime = true; s.timeUnknown = true; s.note = 'time unknown';
    return p + m[0].length;
  } else return p;
  if ((m = at(RE.ampm, text, p))) {
    const pm = m[1]!.toLowerCase() === 'p';
    if (s.hour !== undefined) {
      if (s.hour > 12) { if (pm) s.oddPm = true; else { s.hasTime = false; return p; } }
      else if (s.hour === 12) s.hour = pm ? 12 : 0;
      else if (pm) s.hour += 12;
    }
    p += m[0].length;
  }
  if ((m = at(RE.range, text, p))) {
    const e = at(RE.rangeEnd, text, p + m[0].length);
    if (e) { s.approximate = true; s.note = s.note ?? 'a time range; its start is used'; p += m[0].length + e[0].length; }
  }
  if ((m = at(RE.zoneZ, text, p)) || (m = at(RE.zoneOffset, text, p)) || (m = at(RE.zoneWord, text, p)) || (m = at(RE.zoneIana, text, p))) {
    s.zoneText = m[0].trim().replace(/^\(|\)$/g, '');
    p += m[0].length;
    if ((m = at(RE.dual, text, p))) p += m[0].length;
  }
  if ((m = at(RE.note, text, p))) { s.approximate = true; s.note = m[1]!.trim(); p += m[0].length; }
  return p;
}

/** A timestamp at the start of `text` (a line, cell or heading), skipping leading markup (`**`, `[`, `(`). */
export function findTimestamp(text: string, options: ScanOptions = {}): { raw: string; start: number; end: number } | null {
  MARKUP.lastIndex = 0;
  const skip = MARKUP.exec(text);
  let pos = skip ? skip[0].length : 0;
  // `At 14:03 the alert fired`: the preposition is not part of the time.
  LEAD_WORD.lastIndex = pos;
  const lead = LEAD_WORD.exec(text);
  if (lead) pos += lead[0].length;
  const s = scanTimestamp(text, pos, options);
  if (!s || s.end <= s.start) return null;
  if (!s.hasTime && !s.hasDate) return null;
  return { raw: text.slice(s.start, s.end), start: s.start, end: s.end };
}

// ---------------------------------------------------------------- resolving

const pad = (n: number) => String(n).padStart(2, '0');
const isoDateOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const isValidDate = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1000;
};

/** Add days to an ISO date (`YYYY-MM-DD`; a longer ISO string counts by its date). An unreadable date comes back as it is. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function toUtcIso(date: string, hour: number, minute: number, second: number, spec: ZoneSpec): string | null {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  if (spec.offset !== undefined) {
    // Fixed offset: plain arithmetic (luxon objects cost ~10 us each, and a 2,000-row timeline is re-read on every edit).
    const ms = Date.UTC(y, mo - 1, d, hour, minute, second) - spec.offset * 60_000;
    if (Number.isNaN(ms) || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  let dt = DateTime.fromObject({ year: y, month: mo, day: d, hour, minute, second }, { zone: spec.iana! });
  if (!dt.isValid) return null;
  // In the hour the clocks go back the wall time happens twice: "02:30 CEST" and "02:30 CET" are an hour apart.
  // The abbreviation says which (elsewhere the region's clock on that date wins, see the header).
  const wantsDst = SUMMER_ABBREVIATIONS.has(spec.label) ? true : STANDARD_ABBREVIATIONS.has(spec.label) ? false : undefined;
  if (wantsDst !== undefined && dt.isInDST !== wantsDst) {
    for (const alt of [dt.minus({ hours: 1 }), dt.plus({ hours: 1 })]) {
      if (alt.isInDST === wantsDst && alt.hour === hour && alt.minute === minute && alt.day === d) { dt = alt; break; }
    }
  }
  return dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/** Abbreviations that name a region's summer (daylight saving) or standard clock. */
const SUMMER_ABBREVIATIONS = new Set(['PDT', 'MDT', 'CDT', 'EDT', 'AKDT', 'CEST', 'MESZ', 'BST', 'WEST', 'EEST', 'AEDT', 'ACDT', 'NZDT']);
const STANDARD_ABBREVIATIONS = new Set(['PST', 'MST', 'CST', 'EST', 'AKST', 'CET', 'MEZ', 'WET', 'EET', 'AEST', 'ACST', 'NZST']);

/**
 * Results by (raw, date, zone, default zone): the timeline is re-read on every edit and almost every
 * timestamp in it is unchanged, so reading each distinct one once keeps edits on long timelines cheap.
 */
const parsedTimes = new Memo<ParsedTime>();

/** Read a timestamp as written, with the date and zone the document gives it. */
export function parseTimestamp(raw: string, ctx: TimestampContext): ParsedTime {
  const key = `${raw}\u0000${ctx.date ?? ''}\u0000${ctx.zone ?? ''}\u0000${ctx.defaultZone}\u0000${ctx.dateOrder ?? ''}\u0000${ctx.year ?? ''}`;
  return { ...parsedTimes.get(key, () => readTimestamp(raw, ctx)) };
}

function readTimestamp(raw: string, ctx: TimestampContext): ParsedTime {
  MARKUP.lastIndex = 0;
  const skip = MARKUP.exec(raw);
  // What reaches here was already taken as a timestamp by its reader, so `0730` is a time.
  const s = scanTimestamp(raw, skip ? skip[0].length : 0, { military: true });
  // Scanned day first; month first unless the document writes its dates day first (`inferDateOrder`).
  if (s?.orderAmbiguous && ctx.dateOrder !== 'dmy') [s.day, s.month] = [s.month, s.day];
  const zoneFallback = ctx.zone ?? null;
  if (!s || (!s.hasDate && !s.hasTime)) return { iso: null, approximate: false, zone: zoneFallback, ...(ctx.date ? { date: ctx.date } : {}), note: `could not read a time in "${raw.trim()}"` };
  const out: ParsedTime = { iso: null, approximate: s.approximate, zone: null };
  const notes: string[] = [];
  if (s.note) notes.push(s.note);
  // date
  let date: string | undefined;
  if (s.dateUnknown) notes.push('date not fully known');
  else if (s.hasDate && s.year !== undefined) date = isoDateOf(s.year, s.month!, s.day!);
  else if (s.hasDate) {
    const ctxYear = ctx.date ? Number(ctx.date.slice(0, 4)) : undefined;
    if (ctxYear === undefined && ctx.year !== undefined) { date = isoDateOf(ctx.year, s.month!, s.day!); notes.push('year from the document'); }
    else if (ctxYear === undefined) notes.push('year unknown');
    else {
      // The year that puts the date nearest the context date ("12-05" in a March 2019 report is December 2018).
      const anchor = Date.parse(ctx.date!);
      date = [ctxYear - 1, ctxYear, ctxYear + 1]
        .map((y) => isoDateOf(y, s.month!, s.day!))
        .sort((a, b) => Math.abs(Date.parse(a) - anchor) - Math.abs(Date.parse(b) - anchor))[0]!;
      notes.push('year from context');
    }
  } else if (ctx.date) date = ctx.date;
  else notes.push('no date known for this time');
  if (date) out.date = date;
  // zone
  const zoneText = s.zoneText ?? zoneFallback ?? null;
  let spec = resolveZone(zoneText);
  if (spec) out.zone = spec.label;
  else {
    spec = resolveZone(ctx.defaultZone) ?? { label: 'UTC', offset: 0 };
    notes.push(`zone assumed (${ctx.defaultZone || 'UTC'})`);
  }
  if (s.oddPm) notes.push('24-hour time with "pm" read as 24-hour');
  if (!s.hasTime) notes.push('date only, no time of day');
  else if (s.timeUnknown) { /* noted */ }
  else if (date) out.iso = toUtcIso(date, s.hour! % 24, s.minute ?? 0, s.second ?? 0, spec);
  if (s.hour === 24 && out.iso) out.iso = toUtcIso(addDays(date!, 1), 0, s.minute ?? 0, s.second ?? 0, spec);
  const note = notes.filter((n, i) => notes.indexOf(n) === i).join('; ');
  if (note) out.note = note;
  return out;
}

/** Local minutes of the day a timestamp names (after AM/PM), when it names one. */
export function minutesOfDay(raw: string): number | null {
  MARKUP.lastIndex = 0;
  const skip = MARKUP.exec(raw);
  const s = scanTimestamp(raw, skip ? skip[0].length : 0, { military: true });
  if (!s || !s.hasTime || s.timeUnknown || s.hour === undefined) return null;
  return s.hour * 60 + (s.minute ?? 0);
}

/** Write an instant the way documents do: "14:03" or "2024-05-01 14:03", in `zone` (UTC when null). */
export function formatTimestamp(iso: string, zone: string | null, style: 'time' | 'datetime'): string {
  let dt = DateTime.fromISO(iso, { zone: 'utc' });
  const spec = resolveZone(zone);
  if (spec?.offset !== undefined) dt = dt.plus({ minutes: spec.offset });
  else if (spec?.iana) dt = dt.setZone(spec.iana);
  return dt.toFormat(style === 'time' ? 'HH:mm' : 'yyyy-MM-dd HH:mm');
}

/**
 * Dates in prose are read with chrono-node: it knows the many ways people write a date in a sentence ("the 28th of
 * November, 2024", "Tuesday, March 5th 2024", "28/11/2024", "2025-3-6", a date after a time range) far better than a
 * list of patterns, and its British parser reads numeric dates day first. Only full dates count (year, month and day
 * all written): "in May" or "on Tuesday" says nothing certain about the incident's date.
 */
const proseDates = new Memo<{ iso: string; start: number; end: number } | null>();

/** The first full date (with a year) written anywhere in `text`, numeric dates read in `order` (month first by default). */
export function findDateInText(text: string, order?: DateOrder): { iso: string; start: number; end: number } | null {
  // A full date has a year: text without one (most paragraphs) needs no parse.
  if (!text || text.length > 20_000 || !/(?<!\d)(?:\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{2})(?!\d)/.test(text)) return null;
  // A value that is just an ISO date, perhaps with a time of day (a due date, a metadata date or key time), is read
  // as chrono reads it, without chrono: most documents write their dates so, and chrono costs ~0.3 ms a call.
  const iso = /^(\s*)(\d{4})-(\d{2})-(\d{2})(?:[ T](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:Z| UTC)?)?\s*$/.exec(text);
  if (iso && isValidDate(Number(iso[2]), Number(iso[3]), Number(iso[4]))) {
    return { iso: `${iso[2]}-${iso[3]}-${iso[4]}`, start: iso[1]!.length, end: iso[0].trimEnd().length };
  }
  return proseDates.get(`${order ?? ''}\u0000${text}`, () => {
    const parser = order === 'dmy' ? chrono.en.GB : chrono.en;
    for (const r of parser.parse(text)) {
      for (const c of [r.start, r.end]) {
        if (!c || !c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) continue;
        return { iso: isoDateOf(c.get('year')!, c.get('month')!, c.get('day')!), start: r.index, end: r.index + r.text.length };
      }
    }
    return null;
  });
}

/** Zones whose people write the day first (most of the world) or the month first (North America). */
const DAY_FIRST_ZONES = /\b(?:BST|CET|CEST|EET|EEST|WET|WEST|IST|AEST|AEDT|ACST|NZST|NZDT|SAST|WAT|EAT|MSK|GMT)\b/g;
const MONTH_FIRST_ZONES = /\b(?:PST|PDT|MST|MDT|CST|CDT|EST|EDT|AKST|AKDT|HST|ET|PT)\b/g;

/**
 * How the document writes numeric dates, read like a person would: an unambiguous numeric date (`28/11/2024`) settles
 * it; else dates written with month names ("28th of November" vs "November 28"), then the zones it names and its file
 * name. Undefined when nothing tells.
 */
export function inferDateOrder(text: string, fileName = ''): DateOrder | undefined {
  let dmy = 0;
  let mdy = 0;
  for (const m of text.matchAll(/(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(?:\d{4}|\d{2})(?![\d/.]\d)/g)) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    if (a > 12 && b <= 12) dmy += 10;
    else if (b > 12 && a <= 12) mdy += 10;
    else if (m[2] === '.') dmy += 1;
  }
  const month = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
  dmy += 2 * [...text.matchAll(new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+${month}\\b`, 'gi'))].length;
  mdy += 2 * [...text.matchAll(new RegExp(`\\b${month}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?!:)`, 'gi'))].length;
  dmy += [...text.matchAll(DAY_FIRST_ZONES)].length;
  mdy += [...text.matchAll(MONTH_FIRST_ZONES)].length;
  const f = /(?<!\d)(\d{1,2})[-_.](\d{1,2})[-_.](\d{4})(?!\d)/.exec(fileName);
  if (f) { if (Number(f[1]) > 12) dmy += 10; else if (Number(f[2]) > 12) mdy += 10; }
  return dmy > mdy ? 'dmy' : mdy > dmy ? 'mdy' : undefined;
}
