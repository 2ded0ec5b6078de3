/**
 * Dates in prose: the first full date written anywhere in a text (`findDateInText`), and how the document writes
 * numeric dates, day or month first (`inferDateOrder`). Separate from the timestamp scanner because a sentence, a
 * title or a due date is read with chrono-node and the document's habits, not by the scanner's fixed forms.
 */
import * as chrono from 'chrono-node';
import { Memo } from '../memo';

/** How the document writes numeric dates: `28/11/2024` (day first) or `11/28/2024` (month first). */
export type DateOrder = 'dmy' | 'mdy';

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDateOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const isValidDate = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1000;
};

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
