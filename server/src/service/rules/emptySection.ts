import type { SectionKind } from '../../../../common/model';
import type { Rule } from '../types';

/** What a reader expects under each kind of section: the message says it, so the author knows what to write. */
const EXPECTED: Partial<Record<SectionKind, string>> = {
  summary: 'what happened, to whom, for how long, and how it ended, in a few sentences',
  impact: 'how long it lasted, who was affected and how many, and a business metric',
  timeline: 'timestamped entries from before the onset to the resolution',
  contributing_factors: 'the conditions that made the incident possible (more than one, and no blame)',
  detection: 'how the incident was noticed, and how it could have been noticed sooner',
  response: 'who responded, how they were engaged, and what slowed them down',
  resolution: 'what stopped the impact and what restored service',
  action_items: 'owned, dated follow-ups that prevent, detect or mitigate a recurrence',
  lessons_learned: 'what went well, what went wrong and where you got lucky',
  what_went_well: 'what helped the response',
  what_went_wrong: 'what made the incident worse or the response slower',
  where_we_got_lucky: 'what could have made it worse and did not',
};

export const emptySection: Rule = {
  code: 'empty-section',
  description: 'A recognised section (Summary, Impact, Timeline, ...) whose heading is there but whose body is empty.',
  defaultSeverity: 'information',
  check({ model }) {
    const out: ReturnType<Rule['check']> = [];
    for (const section of model.sections) {
      const expected = EXPECTED[section.kind];
      if (!expected || !section.empty) continue;
      out.push({ code: 'empty-section', range: section.headingRange, data: { kind: section.kind },
        message: `Section '${section.title}' is empty. Write ${expected}.` });
    }
    return out;
  },
};
