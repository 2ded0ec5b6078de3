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
import { METRIC_LABELS } from '../../../../common/format';

const WORDS: Record<KeyTimeName, string> = {
  started: 'impact start (started)',
  detected: 'detection (detected)',
  acknowledged: 'acknowledgement (acknowledged)',
  mitigated: 'mitigation (mitigated)',
  resolved: 'resolution (resolved)',
};

export function computeMetrics(metadata: Metadata, settings: PostmortemSettings): Metric[] {
  const times = metadata.times ?? {};
  const instant = (k: KeyTimeName): number | null => {
    const iso = times[k]?.iso;
    if (!iso) return null;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? null : t;
  };
  const base = settings.metricsBase === 'detected' ? 'detected' : 'started';
  const specs: [Metric['name'], KeyTimeName, KeyTimeName][] = [
    ['timeToDetect', 'started', 'detected'],
    ['timeToAcknowledge', 'detected', 'acknowledged'],
    ['timeToMitigate', base, 'mitigated'],
    ['timeToResolve', base, 'resolved'],
    ['impactDuration', 'started', 'resolved'],
  ];
  const out: Metric[] = [];
  for (const [name, from, to] of specs) {
    const a = instant(from);
    const b = instant(to);
    if (a === null || b === null || b < a) continue;
    out.push({ name, label: METRIC_LABELS[name], minutes: Math.round((b - a) / 60000), definition: `From ${WORDS[from]} to ${WORDS[to]}.`, from, to });
  }
  return out;
}
