/**
 * Incident metrics from the key times. Definitions (stated with every metric, since vendors differ):
 * - time to detect: started -> detected;
 * - time to acknowledge: detected -> acknowledged;
 * - time to mitigate / resolve: from `settings.metricsBase` (started or detected) -> mitigated / resolved;
 * - impact duration: started -> resolved (the whole customer-facing incident, not just until mitigation).
 * A metric whose ends are missing, unreadable or in the wrong order is left out.
 */
import type { KeyTimeName, Metadata, Metric } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';

const WORDS: Record<KeyTimeName, string> = {
  started: 'impact start (started)',
  detected: 'detection (detected)',
  acknowledged: 'acknowledgement (acknowledged)',
  mitigated: 'mitigation (mitigated)',
  resolved: 'resolution (resolved)',
};

export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

export function computeMetrics(metadata: Metadata, settings: PostmortemSettings): Metric[] {
  const times = metadata.times ?? {};
  const instant = (k: KeyTimeName): number | null => {
    const iso = times[k]?.iso;
    if (!iso) return null;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? null : t;
  };
  const base = settings.metricsBase === 'detected' ? 'detected' : 'started';
  const specs: [Metric['name'], string, KeyTimeName, KeyTimeName][] = [
    ['timeToDetect', 'Time to detect', 'started', 'detected'],
    ['timeToAcknowledge', 'Time to acknowledge', 'detected', 'acknowledged'],
    ['timeToMitigate', 'Time to mitigate', base, 'mitigated'],
    ['timeToResolve', 'Time to resolve', base, 'resolved'],
    ['impactDuration', 'Impact duration', 'started', 'resolved'],
  ];
  const out: Metric[] = [];
  for (const [name, label, from, to] of specs) {
    const a = instant(from);
    const b = instant(to);
    if (a === null || b === null || b < a) continue;
    out.push({ name, label, minutes: Math.round((b - a) / 60000), definition: `From ${WORDS[from]} to ${WORDS[to]}.`, from, to });
  }
  return out;
}
