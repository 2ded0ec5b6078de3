/**
 * Pure text formatting shared by the server, the client and the preview: labels, durations and UTC instants.
 * No side effects and only type imports (the webview bundle and the server both use it).
 */
import type { KeyTimeName, Metric } from './model';

/** How the key times are called wherever they are shown. */
export const KEY_TIME_LABELS: Record<KeyTimeName, string> = {
  started: 'Impact started',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** How the metrics are called wherever they are shown. */
export const METRIC_LABELS: Record<Metric['name'], string> = {
  timeToDetect: 'Time to detect',
  timeToAcknowledge: 'Time to acknowledge',
  timeToMitigate: 'Time to mitigate',
  timeToResolve: 'Time to resolve',
  impactDuration: 'Impact duration',
};

/**
 * "1 h 24 min", "45 min", "2 d 3 h", "0 min" (rounded to the minute). A negative span keeps its sign, written
 * as `minus` ('-' unless the caller prefers e.g. '−'); '?' for anything that is not a finite number.
 */
export function formatDuration(minutes: number, minus = '-'): string {
  if (!Number.isFinite(minutes)) return '?';
  const sign = minutes < 0 ? minus : '';
  let m = Math.round(Math.abs(minutes));
  const d = Math.floor(m / 1440);
  m -= d * 1440;
  const h = Math.floor(m / 60);
  m -= h * 60;
  if (d > 0) return `${sign}${d} d${h ? ` ${h} h` : ''}`;
  if (h > 0) return `${sign}${h} h${m ? ` ${m} min` : ''}`;
  return `${sign}${m} min`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The UTC date (`YYYY-MM-DD`) and time to the minute (`HH:MM`) of a Date. */
export function utcDateAndTime(d: Date): { date: string; time: string } {
  return {
    date: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`,
  };
}

/** UTC `YYYY-MM-DD HH:MM` of a Date. */
export function formatUtcMinute(d: Date): string {
  const { date, time } = utcDateAndTime(d);
  return `${date} ${time}`;
}

/** Milliseconds of an ISO instant, or null for anything that is not one (or is implausibly long). */
export function toMillis(iso: string | null | undefined): number | null {
  if (typeof iso !== 'string' || iso.length > 64) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** "2024-05-01T14:03:00Z" -> "2024-05-01 14:03 UTC"; null for anything that is not a valid instant. */
export function formatIso(iso: string | null | undefined): string | null {
  const t = toMillis(iso);
  return t === null ? null : `${formatUtcMinute(new Date(t))} UTC`;
}
