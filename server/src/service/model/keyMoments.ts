/**
 * Key moments from the timeline: an entry whose words mark a moment ("alert fired" -> detected, see
 * timeline/marks.ts) fills that time in the metadata, only where the metadata does not give it.
 */
import type { Metadata, TimelineEntry } from '../../../../common/model';

export function applyKeyMoments(metadata: Metadata, timeline: TimelineEntry[]): void {
  if (!metadata.times) metadata.times = {};
  for (const entry of timeline) {
    if (!entry.marks || !entry.iso) continue;
    if (metadata.times[entry.marks]) continue;
    metadata.times[entry.marks] = { raw: entry.rawTime, iso: entry.iso, range: entry.timeRange, source: 'timeline' };
  }
}
