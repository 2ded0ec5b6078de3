/**
 * "Now" in a document's time zone, for "Insert Timeline Entry at Now". Pure (no `vscode`).
 * Zones are resolved exactly as the server reads them (common/zones.ts): abbreviations such as PST are the
 * region's clock on that date (daylight saving included), IANA names via luxon, explicit offsets fixed.
 */
import { utcDateAndTime } from '../../common/format';
import { resolveZone, zoneOffsetAt } from '../../common/zones';

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

/** Offset in minutes east of UTC of `zone` (abbreviation, phrase, IANA name or offset) at `now`; null when unknown. */
export function offsetAtInstant(zone: string, now: Date): number | null {
  const spec = resolveZone(zone.trim());
  return spec ? zoneOffsetAt(spec, now) : null;
}

/** The wall-clock date and time of `now` in `zone` (IANA name, abbreviation or offset); UTC when unknown. */
export function nowInZone(now: Date, zone: string | null | undefined): ZonedNow {
  const z = (zone ?? '').trim();
  if (z) {
    const offset = offsetAtInstant(z, now);
    if (offset !== null) return { ...utcDateAndTime(new Date(now.getTime() + offset * 60_000)), zone: z, known: true };
  }
  return { ...utcDateAndTime(now), zone: 'UTC', known: !z };
}
