import { formatTimestamp } from '../model/times';
import type { Rule } from '../types';
import { entryRange } from './util';

export const timelineStartsLate: Rule = {
  code: 'timeline-starts-late',
  description: 'The timeline should start before the impact began or was detected: with the change or condition that triggered the incident.',
  defaultSeverity: 'information',
  check({ model }) {
    const first = model.timeline.find((e) => e.iso);
    if (!first?.iso) return [];
    const { started, detected } = model.metadata.times;
    const range = entryRange(first);
    // Both instants in one zone: the timeline's (its first entry's), else the document's, else UTC; named once.
    const zone = first.zone ?? model.metadata.timezone?.value ?? null;
    const label = zone ?? 'UTC';
    const local = (iso: string, style: 'time' | 'datetime') => {
      try { return formatTimestamp(iso, zone, style); } catch { return formatTimestamp(iso, null, style); }
    };
    const pair = (other: string): [string, string] => {
      const withDate = local(first.iso!, 'datetime').slice(0, 10) !== local(other, 'datetime').slice(0, 10);
      const style = withDate ? 'datetime' : 'time';
      return [local(first.iso!, style), local(other, style)];
    };
    if (started?.iso && started.source !== 'timeline' && first.iso > started.iso) {
      const [a, b] = pair(started.iso);
      return [{ code: 'timeline-starts-late', range, data: {},
        message: `The timeline starts at ${a}, after the impact started (${b}), times in ${label}. Add what happened before: the change or condition that triggered the incident and when impact began.` }];
    }
    if (detected?.iso && first.iso >= detected.iso) {
      const [a, b] = pair(detected.iso);
      return [{ code: 'timeline-starts-late', range, data: {},
        message: `The timeline starts at ${a}, ${first.iso === detected.iso ? 'at' : 'after'} detection (${b}), times in ${label}. Add what happened before it was noticed: the triggering change or condition and when impact began, so the time to detect is visible.` }];
    }
    return [];
  },
};
