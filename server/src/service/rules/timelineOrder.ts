import type { Rule } from '../types';
import { entryRange, sameDay, writtenTime } from './util';

export const timelineOrder: Rule = {
  code: 'timeline-order',
  description: 'Timeline entries should be in chronological order (approximate and unreadable times are ignored).',
  defaultSeverity: 'warning',
  check({ model }) {
    let latest: { iso: string; raw: string } | null = null;
    for (const e of model.timeline) {
      if (!e.iso || e.approximate) continue;
      if (latest && e.iso < latest.iso) {
        const withDate = !sameDay(e.iso, latest.iso);
        return [{
          code: 'timeline-order',
          range: entryRange(e),
          data: {},
          message: `Timeline out of order: ${writtenTime(e.rawTime, e.iso, withDate)} comes after ${writtenTime(latest.raw, latest.iso, withDate)} but happened before it. Sort the timeline (Postmortem: Sort Timeline) so readers can follow the sequence.`,
        }];
      }
      if (!latest || e.iso > latest.iso) latest = { iso: e.iso, raw: e.rawTime };
    }
    return [];
  },
};
