/**
 * "Now" in a document's time zone, for "Insert Timeline Entry at Now". Pure (no `vscode`).
 * IANA names go through Intl.DateTimeFormat; abbreviations (UTC, PDT, CET...) and offsets (+02:00, UTC-5)
 * through a small table, since Intl does not accept them.
 */
import { utcDateAndTime } from '../../common/format';

/** Fixed offsets in minutes east of UTC for the abbreviations people write in postmortems. */
export const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, UT: 0, WET: 0,
  WEST: 60, BST: 60, CET: 60, MET: 60, WAT: 60,
  CEST: 120, MEST: 120, EET: 120, CAT: 120, SAST: 120,
  EEST: 180, MSK: 180, EAT: 180,
  IST: 330, PKT: 300, ICT: 420, WIB: 420,
  SGT: 480, HKT: 480, AWST: 480, PHT: 480,
  JST: 540, KST: 540,
  ACST: 570, ACDT: 630,
  AEST: 600, AEDT: 660,
  NZST: 720, NZDT: 780,
  HST: -600, AKST: -540, AKDT: -480,
  PST: -480, PDT: -420, MST: -420, MDT: -360,
  CST: -360, CDT: -300, EST: -300, EDT: -240,
  AST: -240, ADT: -180, NST: -210, NDT: -150, BRT: -180, ART: -180,
};

export interface ZonedNow {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** `HH:MM` (24 h) in the zone. */
  time: string;
  /** The zone actually used (the input, or "UTC" when it was not understood). */
  zone: string;
  /** False when the zone was not understood and UTC was used instead. */
  known: boolean;
}

/** Offset in minutes of an abbreviation or a numeric offset (`+02:00`, `-0530`, `UTC+2`, `GMT-05:00`), else null. */
export function fixedOffsetMinutes(zone: string): number | null {
  const z = zone.trim();
  const abbr = ZONE_OFFSETS[z.toUpperCase()];
  if (abbr !== undefined) return abbr;
  const m = /^(?:UTC|GMT|Z)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = m[3] ? Number(m[3]) : 0;
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '+' ? 1 : -1) * (hours * 60 + minutes);
}

/** The wall-clock date and time of `now` in `zone` (IANA name, abbreviation or offset); UTC when unknown. */
export function nowInZone(now: Date, zone: string | null | undefined): ZonedNow {
  const z = (zone ?? '').trim();
  if (z) {
    const offset = fixedOffsetMinutes(z);
    if (offset !== null) return { ...utcDateAndTime(new Date(now.getTime() + offset * 60_000)), zone: z, known: true };
    if (z.includes('/') || /^[A-Za-z_]+$/.test(z)) {
      try {
        const parts = new Intl.DateTimeFormat('en-CA', {
          timeZone: z,
          year: 'numeric', month: '2-digit', day: '2-digit',
          hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
        }).formatToParts(now);
        const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '00';
        return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}`, zone: z, known: true };
      } catch {
        // RangeError: not a zone Intl knows; fall through to UTC.
      }
    }
  }
  return { ...utcDateAndTime(now), zone: 'UTC', known: !z };
}
