/**
 * Which timeline entries are out of order: an entry whose time is earlier than the latest time before it. Approximate
 * and unreadable times are left out (they neither are out of order nor make others so). The one order check: the
 * timeline-order rule reports the first flagged entry, the preview marks every flagged one.
 */
import type { TimelineEntry } from '../../../../common/model';

export function markOrder(timeline: TimelineEntry[]): void {
  let latest: string | null = null;
  for (const e of timeline) {
    if (!e.iso || e.approximate) continue;
    if (latest !== null && e.iso < latest) e.outOfOrder = true;
    else latest = e.iso;
  }
}
