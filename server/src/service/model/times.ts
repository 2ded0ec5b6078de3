/**
 * Timestamps read in the document's context (`parseTimestamp`: its date, zone and date order) and written back
 * (`formatTimestamp`); `addDays` for dates. What a timestamp says is scanned in `timestampScan.ts`, dates in
 * prose are read in `proseDates.ts`.
 *
 * A US/EU zone abbreviation is read as the region's clock on that date ("PST" on a summer date is
 * Pacific time that day, i.e. UTC-7), as a careful reader does; explicit offsets (`UTC+2`) are fixed.
 */
import { DateTime } from 'luxon';
import { resolveZone, type ZoneSpec } from '../../../../common/zones';
import { Memo } from '../memo';
import { type DateOrder, isoDateOf } from './proseDates';
import { MARKUP, scanTimestamp } from './timestampScan';

export interface ParsedTime {
  iso: string | null;
  approximate: boolean;
  zone: string | null;
  date?: string;
  note?: string;
}

export interface TimestampContext {
  date?: string;
  zone?: string | null;
  defaultZone: string;
  /** How to read an ambiguous numeric date (`04/02/2019`); month first when unknown. */
  dateOrder?: DateOrder;
  /** The year the document is about when no date is known ("Outage — May 2024"), for dates written without one. */
  year?: number;
}

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

/** Write an instant the way documents do: "14:03" or "2024-05-01 14:03", in `zone` (UTC when null). */
export function formatTimestamp(iso: string, zone: string | null, style: 'time' | 'datetime'): string {
  let dt = DateTime.fromISO(iso, { zone: 'utc' });
  const spec = resolveZone(zone);
  if (spec?.offset !== undefined) dt = dt.plus({ minutes: spec.offset });
  else if (spec?.iana) dt = dt.setZone(spec.iana);
  return dt.toFormat(style === 'time' ? 'HH:mm' : 'yyyy-MM-dd HH:mm');
}
