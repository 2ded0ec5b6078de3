/**
 * Scanning a timestamp as people write it in postmortems: what a line, cell or heading says (date, time of day, AM/PM,
 * range, zone, notes), before any context is applied. Separate from `times.ts`, which reads a scan in the document's
 * context (its date, zone, date order), because the scanner is also used on its own: by the timeline reader to find
 * where an entry's time is, and by the edits and rules that rewrite a time where it is written.
 */
import { ZONE_ABBREVIATION_PATTERN } from '../../../../common/zones';

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

const ABBR_RE = ZONE_ABBREVIATION_PATTERN;

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

/** Leading markup (`**`, `[`, `(`) before a timestamp; sticky, so set `lastIndex` before each use. */
export const MARKUP = /[\s*_[(]*/y;
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

/** Local minutes of the day a timestamp names (after AM/PM), when it names one. */
export function minutesOfDay(raw: string): number | null {
  MARKUP.lastIndex = 0;
  const skip = MARKUP.exec(raw);
  const s = scanTimestamp(raw, skip ? skip[0].length : 0, { military: true });
  if (!s || !s.hasTime || s.timeUnknown || s.hour === undefined) return null;
  return s.hour * 60 + (s.minute ?? 0);
}
