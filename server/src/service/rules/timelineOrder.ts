import type { TimelineEntry } from '../../../../common/model';
import type { Rule } from '../types';
import { entryRange, sameDay, writtenTime } from './util';

export const timelineOrder: Rule = {
  code: 'timeline-order',
  description: 'Timeline entries should be in chronological order (approximate and unreadable times are ignored).',
  defaultSeverity: 'warning',
  check({ model }) {
    // The model flags every entry earlier than one before it (model/order.ts); the first one is reported.
    const index = model.timeline.findIndex((e) => e.outOfOrder);
    const e = model.timeline[index];
    if (!e?.iso) return [];
    let latest: TimelineEntry | undefined;
    for (const p of model.timeline.slice(0, index)) if (p.iso && !p.approximate && (!latest || p.iso > latest.iso!)) latest = p;
    if (!latest?.iso) return [];
    const withDate = !sameDay(e.iso, latest.iso);
    return [{
      code: 'timeline-order',
      range: entryRange(e),
      data: {},
      message: `Timeline out of order: ${writtenTime(e.rawTime, e.iso, withDate)} comes after ${writtenTime(latest.rawTime, latest.iso, withDate)} but happened before it. Sort the timeline (Postmortem: Sort Timeline) so readers can follow the sequence.`,
    }];
  },
};
