/**
 * Time zones as people write them in postmortems, shared by the server (reading timestamps) and the client
 * ("Insert Timeline Entry at Now"). Pure: no `vscode`, no I/O; luxon for IANA zones and daylight saving.
 *
 * A US/EU zone abbreviation is read as the region's clock on that date ("PST" on a summer date is Pacific
 * time that day, i.e. UTC-7), as a careful reader does; explicit offsets (`UTC+2`, `+02:00`) are fixed.
 */
import { DateTime, IANAZone } from 'luxon';

export interface ZoneSpec {
  /** How the zone is named in the model ("PST", "UTC+1", "Europe/Zurich"). */
  label: string;
  iana?: string;
  /** Fixed offset in minutes east of UTC. */
  offset?: number;
}

/** Abbreviations people write, read as the IANA zone of their region (so daylight saving follows the date). */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  UTC: 'UTC', GMT: 'UTC', UT: 'UTC',
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PT: 'America/Los_Angeles',
  MST: 'America/Denver', MDT: 'America/Denver', MT: 'America/Denver',
  CST: 'America/Chicago', CDT: 'America/Chicago', CT: 'America/Chicago',
  EST: 'America/New_York', EDT: 'America/New_York', ET: 'America/New_York',
  AKST: 'America/Anchorage', AKDT: 'America/Anchorage', HST: 'Pacific/Honolulu',
  CET: 'Europe/Berlin', CEST: 'Europe/Berlin', MEZ: 'Europe/Berlin', MESZ: 'Europe/Berlin',
  BST: 'Europe/London', WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon',
  EET: 'Europe/Athens', EEST: 'Europe/Athens', MSK: 'Europe/Moscow',
  WAT: 'Africa/Lagos', CAT: 'Africa/Maputo', EAT: 'Africa/Nairobi', SAST: 'Africa/Johannesburg',
  IST: 'Asia/Kolkata', JST: 'Asia/Tokyo', KST: 'Asia/Seoul', HKT: 'Asia/Hong_Kong', SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney', ACST: 'Australia/Adelaide', ACDT: 'Australia/Adelaide',
  AWST: 'Australia/Perth', NZST: 'Pacific/Auckland', NZDT: 'Pacific/Auckland',
  BRT: 'America/Sao_Paulo', WIB: 'Asia/Jakarta', PHT: 'Asia/Manila',
};

/** A regular-expression alternation of the abbreviations, longest first (no capture group, no flags). */
export const ZONE_ABBREVIATION_PATTERN = `(?:${Object.keys(ZONE_ABBREVIATIONS).sort((a, b) => b.length - a.length).join('|')})`;

/** Zones written out in words. */
const LONG_NAMES: readonly [RegExp, string][] = [
  [/central european (?:summer |standard )?time/i, 'Europe/Berlin'],
  [/eastern european (?:summer |standard )?time/i, 'Europe/Athens'],
  [/western european (?:summer )?time/i, 'Europe/Lisbon'],
  [/british summer time|uk time|london time/i, 'Europe/London'],
  [/india(?:n)? standard time/i, 'Asia/Kolkata'],
  [/zurich time/i, 'Europe/Zurich'],
  [/berlin time/i, 'Europe/Berlin'],
  [/paris time/i, 'Europe/Paris'],
  [/\b(?:us|uc)\/pacific\b/i, 'America/Los_Angeles'],
  [/\bpacific(?: (?:standard|daylight))?(?: time)?\b/i, 'America/Los_Angeles'],
  [/\bmountain(?: (?:standard|daylight))? time\b/i, 'America/Denver'],
  [/\bcentral(?: (?:standard|daylight))? time\b/i, 'America/Chicago'],
  [/\beastern(?: (?:standard|daylight))?(?: time)?\b/i, 'America/New_York'],
  [/coordinated universal time|\bzulu\b/i, 'UTC'],
];

/** Offsets beyond ±14:00 (or with minutes ≥ 60) are not zones. */
function offsetMinutes(sign: string, h: string, m: string | undefined): number | null {
  const hours = Number(h);
  const minutes = Number(m ?? 0);
  if (hours > 14 || minutes > 59) return null;
  const v = hours * 60 + minutes;
  return sign === '+' ? v : -v;
}

/** "UTC", "UTC+2", "UTC-5:30". */
export function offsetLabel(min: number): string {
  if (min === 0) return 'UTC';
  const a = Math.abs(min);
  return `UTC${min < 0 ? '-' : '+'}${Math.floor(a / 60)}${a % 60 ? ':' + String(a % 60).padStart(2, '0') : ''}`;
}

/** The first zone named in a phrase ("CET (GMT+1)", "UTC+1 (Zurich time)", "Europe/Zurich", "PDT", "+02:00"). */
export function resolveZone(text: string | null | undefined): ZoneSpec | null {
  if (!text) return null;
  const found: { at: number; len: number; spec: ZoneSpec }[] = [];
  const add = (m: RegExpExecArray | null, spec: ZoneSpec | null) => {
    if (m && spec) found.push({ at: m.index, len: m[0].length, spec });
  };
  const fixed = (o: number | null): ZoneSpec | null => (o === null ? null : { label: offsetLabel(o), offset: o });
  let m = /\b(?:UTC|GMT)\s?([+\-−])\s?(\d{1,2})(?::?(\d{2}))?/.exec(text);
  if (m) add(m, fixed(offsetMinutes(m[1] === '−' ? '-' : m[1]!, m[2]!, m[3])));
  m = /(?<![\w:+\-])([+-])(\d{2}):?(\d{2})\b/.exec(text);
  if (m) add(m, fixed(offsetMinutes(m[1]!, m[2]!, m[3])));
  m = /\b([A-Z][a-z]+(?:_[A-Z][a-z]+)*\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?)\b/.exec(text);
  if (m && IANAZone.isValidZone(m[1]!)) add(m, { label: m[1]!, iana: m[1]! });
  m = new RegExp(`(?<![\\w/])(${ZONE_ABBREVIATION_PATTERN})(?![\\w/])`).exec(text);
  if (m) { const iana = ZONE_ABBREVIATIONS[m[1]!]!; add(m, iana === 'UTC' ? { label: 'UTC', offset: 0 } : { label: m[1]!, iana }); }
  for (const [re, iana] of LONG_NAMES) {
    m = re.exec(text);
    if (m) add(m, iana === 'UTC' ? { label: 'UTC', offset: 0 } : { label: iana, iana });
  }
  if (/^\s*z\s*$/i.test(text)) return { label: 'UTC', offset: 0 };
  if (!found.length) return null;
  found.sort((a, b) => a.at - b.at || b.len - a.len);
  return found[0]!.spec;
}

/** Offset (minutes east of UTC) of `zone` on `isoDate` (`YYYY-MM-DD`, optionally with a time); null when unknown. */
export function zoneOffsetMinutes(zone: string, isoDate: string): number | null {
  const spec = resolveZone(zone);
  if (!spec) return null;
  if (spec.offset !== undefined) return spec.offset;
  const dt = DateTime.fromISO(isoDate.length <= 10 ? `${isoDate}T12:00` : isoDate, { zone: spec.iana! });
  return dt.isValid ? dt.offset : null;
}

/** Offset (minutes east of UTC) of a resolved zone at an instant; null when the zone is not usable. */
export function zoneOffsetAt(spec: ZoneSpec, instant: Date): number | null {
  if (spec.offset !== undefined) return spec.offset;
  const dt = DateTime.fromJSDate(instant, { zone: spec.iana! });
  return dt.isValid ? dt.offset : null;
}
