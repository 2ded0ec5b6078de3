import type { Rule } from '../types';

export const timestampUnparseable: Rule = {
  code: 'timestamp-unparseable',
  description: 'Timeline entries whose time cannot be read (and is not marked approximate).',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: ReturnType<Rule['check']> = [];
    model.timeline.forEach((e, index) => {
      if (e.iso || e.approximate) return;
      const why = e.note ? ` (${e.note.replace(/\.$/, '')})` : '';
      out.push({ code: 'timestamp-unparseable', range: e.timeRange, data: { index },
        message: `Cannot read the time '${e.rawTime}'${why}. Write it as HH:MM or YYYY-MM-DD HH:MM with a zone (e.g. 14:03 UTC), or mark it approximate with ~ so the timeline can be ordered and the metrics computed.` });
    });
    return out;
  },
};
