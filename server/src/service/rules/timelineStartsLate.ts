import type { Rule } from '../types';
import { entryRange, sameDay, shortTime } from './util';

export const timelineStartsLate: Rule = {
  code: 'timeline-starts-late',
  description: 'The timeline should start before the impact began or was detected: with the change or condition that triggered the incident.',
  defaultSeverity: 'information',
  check({ model }) {
    const first = model.timeline.find((e) => e.iso);
    if (!first?.iso) return [];
    const { started, detected } = model.metadata.times;
    const range = entryRange(first);
    const fmt = (iso: string) => shortTime(iso, !sameDay(iso, first.iso!));
    if (started?.iso && started.source !== 'timeline' && first.iso > started.iso) {
      return [{ code: 'timeline-starts-late', range, data: {},
        message: `The timeline starts at ${first.rawTime}, after the impact started (${fmt(started.iso)}). Add what happened before: the change or condition that triggered the incident and when impact began.` }];
    }
    if (detected?.iso && first.iso >= detected.iso) {
      return [{ code: 'timeline-starts-late', range, data: {},
        message: `The timeline starts at ${first.rawTime}, ${first.iso === detected.iso ? 'at' : 'after'} detection (${fmt(detected.iso)}). Add what happened before it was noticed: the triggering change or condition and when impact began, so the time to detect is visible.` }];
    }
    return [];
  },
};
