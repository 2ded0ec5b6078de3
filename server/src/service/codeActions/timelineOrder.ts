/** `timeline-order`: sort the timeline by time. */
import { sortTimelineEdits } from '../edits';
import type { Fix } from './types';

export const timelineOrderFix: Fix<'timeline-order'> = {
  code: 'timeline-order',
  read: () => ({}),
  fixes: ({ doc, model }) => [{ title: 'Sort the timeline by time', edits: sortTimelineEdits(doc, model), isPreferred: true }],
};
