/**
 * Timeline times the reader cannot place. When the document's other times are readable, each odd one is worth
 * pointing at; when most of them cannot be read (a format the reader does not know), a reviewer says so once:
 * one finding for the timeline that lists the entries. `postmortem.strict` reports every entry on its own.
 * Date-only entries (a timeline of days) are not unreadable unless strict.
 */
import type { PostmortemModel, TimelineEntry } from '../../../../common/model';
import type { Rule } from '../types';

const ADVICE = 'Write it as HH:MM or YYYY-MM-DD HH:MM with a zone (e.g. 14:03 UTC), or mark it approximate with ~ so the timeline can be ordered and the metrics computed.';
/** At most this many unreadable entries count as outliers among readable ones. */
const OUTLIERS = 2;
const LISTED = 6;

/** A day without a time of day ("2021-12-17", "Dec 17, 2021"): the reader's note says so, or the stamp is a bare date. */
const BARE_DATE = /^[\W_]*(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? ?(?:\d{4})?|\d{1,2} [A-Z][a-z]{2,8},? ?(?:\d{4})?)[\W_]*$/;
const dateOnly = (e: TimelineEntry) => /date only/i.test(e.note ?? '') || BARE_DATE.test(e.rawTime);

export const timestampUnparseable: Rule<'timestamp-unparseable'> = {
  code: 'timestamp-unparseable',
  description: 'Timeline entries whose time cannot be read (and is not marked approximate): each one when the other times are readable, else one finding for the timeline listing them.',
  defaultSeverity: 'warning',
  check({ model, settings }) {
    const unreadable = model.timeline.map((e, index) => ({ e, index }))
      .filter(({ e }) => !e.iso && !e.approximate && (settings.strict || !dateOnly(e)));
    if (!unreadable.length) return [];
    const readable = model.timeline.filter((e) => e.iso).length;
    if (settings.strict || (unreadable.length <= OUTLIERS && readable >= unreadable.length)) {
      return unreadable.map(({ e, index }) => {
        const why = e.note ? ` (${e.note.replace(/\.$/, '')})` : '';
        return { code: 'timestamp-unparseable' as const, range: e.timeRange, data: { indexes: [index] },
          message: `Cannot read the time '${e.rawTime}'${why}. ${ADVICE}` };
      });
    }
    const listed = unreadable.slice(0, LISTED).map(({ e }) => `'${e.rawTime}' (line ${e.range.start.line + 1})`).join(', ');
    const more = unreadable.length > LISTED ? ` and ${unreadable.length - LISTED} more` : '';
    return [{ code: 'timestamp-unparseable', range: anchorOf(model, unreadable[0]!.e), data: { indexes: unreadable.map((u) => u.index) },
      message: `${unreadable.length} of ${model.timeline.length} timeline times cannot be read: ${listed}${more}. ${ADVICE.replace(/^Write it/, 'Write them').replace('mark it', 'mark them')}` }];
  },
};

/** The timeline's heading, else the first unreadable entry's time. */
function anchorOf(model: PostmortemModel, first: TimelineEntry) {
  return model.sections.find((s) => s.kind === 'timeline')?.headingRange ?? first.timeRange;
}
