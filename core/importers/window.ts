/** The default time window of an import: the incident from the metadata, with a margin before onset and after the end. */
import type { PostmortemModel } from '../../common/model';

/** Changes that set the stage (a deploy, a config push) come before the first symptom. */
export const MARGIN_BEFORE_MS = 60 * 60_000;
/** The wrap-up after resolution ("closing the incident", hand-over notes). */
export const MARGIN_AFTER_MS = 30 * 60_000;

export interface TimeWindow {
  since?: number;
  until?: number;
}

/** Without a stated end, this long after the start (a timeline being written is incomplete: its last entry is no end). */
export const OPEN_END_MS = 48 * 60 * 60_000;

/** From impact start (else detection, else the incident's date, else the first timeline entry) to resolution (else mitigation, else start + 48 h). */
export function defaultWindow(model: PostmortemModel): TimeWindow {
  const t = model.metadata.times;
  // Only times the metadata states: times the model reads off the timeline move as entries are imported.
  const stated = (name: keyof typeof t) => (t[name]?.source === 'timeline' ? undefined : t[name]?.iso);
  const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);
  const entries = model.timeline.map((e) => ms(e.iso)).filter(Number.isFinite);
  // The stated date next (stable); the first entry last, as it moves when an earlier one is imported.
  const date = model.metadata.date?.value;
  const day = date && /^\d{4}-\d{2}-\d{2}$/.test(date.trim()) ? Date.parse(`${date.trim()}T00:00:00Z`) : NaN;
  const start = [ms(stated('started')), ms(stated('detected')), day, entries.length ? Math.min(...entries) : NaN].find(Number.isFinite);
  const end = [ms(stated('resolved')), ms(stated('mitigated'))].find(Number.isFinite);
  const window: TimeWindow = {};
  if (start !== undefined) window.since = start - MARGIN_BEFORE_MS;
  if (end !== undefined && (start === undefined || end >= start)) window.until = end + MARGIN_AFTER_MS;
  else if (start !== undefined) window.until = start + OPEN_END_MS;
  return window;
}
