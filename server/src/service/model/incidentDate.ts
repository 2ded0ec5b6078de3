/**
 * The incident date and the action-item target date, computed one way for every feature that needs them
 * (the `action-item-due-too-late` rule, due-date completion, hovers and quick fixes).
 */
import type { PostmortemModel } from '../../../../common/model';
import { findDateInText } from './proseDates';
import { addDays } from './times';

/** `SEV-1`, `sev1`, `Sev 1`, `Severity 1`, `sev_1` -> `SEV1`; anything else upper-cased without punctuation. */
export function severityKey(s: string): string {
  const m = /^\s*sev(?:erity)?[\s_-]*(\d)\s*$/i.exec(s);
  return m ? `SEV${m[1]}` : s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * The date of the incident (YYYY-MM-DD): impact start, the stated date, then detection, acknowledgement,
 * mitigation and resolution, then the first timeline entry with a time; null when none is known.
 */
export function incidentDate(model: PostmortemModel): string | null {
  const t = model.metadata.times ?? {};
  if (t.started?.iso) return t.started.iso.slice(0, 10);
  const stated = model.metadata.date?.value;
  if (stated) {
    const d = /^\d{4}-\d{2}-\d{2}/.exec(stated)?.[0] ?? findDateInText(stated)?.iso;
    if (d) return d;
  }
  for (const k of ['detected', 'acknowledged', 'mitigated', 'resolved'] as const) {
    const iso = t[k]?.iso;
    if (iso) return iso.slice(0, 10);
  }
  const first = model.timeline.find((e) => e.iso)?.iso;
  return first ? first.slice(0, 10) : null;
}

export interface ActionItemTarget {
  /** Date by which open action items should be done. */
  date: string;
  days: number;
  /** The severity as written in the document. */
  severity: string;
  /** The incident date counted from. */
  incident: string;
}

/**
 * incident date + `targetDays[severity]` (severities matched by `severityKey`), or null when the severity has
 * no target or no incident date is known. `now` (completion only) stands in for a document without any date.
 */
export function actionItemTarget(model: PostmortemModel, targetDays: Record<string, number>, now?: Date): ActionItemTarget | null {
  const severity = model.metadata.severity?.value?.trim();
  if (!severity) return null;
  const key = severityKey(severity);
  const entry = Object.entries(targetDays).find(([k, v]) => severityKey(k) === key && typeof v === 'number' && Number.isFinite(v));
  if (!entry) return null;
  const incident = incidentDate(model) ?? (now ? now.toISOString().slice(0, 10) : null);
  if (!incident) return null;
  return { date: addDays(incident, entry[1]), days: entry[1], severity, incident };
}
