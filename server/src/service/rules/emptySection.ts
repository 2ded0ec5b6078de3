import type { PostmortemModel, Section, SectionKind } from '../../../../common/model';
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

/** A line that holds nothing a reader sees: blank, or an HTML comment left by a template. */
const INVISIBLE = /^\s*(?:<!--.*?-->\s*)*$/;

export const emptySection: Rule = {
  code: 'empty-section',
  description: 'A recognised section (Summary, Impact, Timeline, ...) whose heading is there but whose body is empty.',
  defaultSeverity: 'information',
  check({ model }) {
    const out: ReturnType<Rule['check']> = [];
    for (const section of model.sections) {
      const expected = EXPECTED[section.kind];
      if (!expected || !isEmpty(model, section)) continue;
      out.push({ code: 'empty-section', range: section.headingRange, data: { kind: section.kind },
        message: `Section '${section.title}' is empty. Write ${expected}.` });
    }
    return out;
  },
};

/** No prose a reader sees (HTML comments left by a template do not count) and no code in the body (which includes sub-sections). */
function isEmpty(model: PostmortemModel, section: Section): boolean {
  const { start, end } = section.bodyRange;
  const inBody = (line: number, character: number) => (line > start.line || (line === start.line && character >= start.character))
    && (line < end.line || (line === end.line && character < end.character));
  if (model.blocks.code.some((c) => inBody(c.start.line, c.start.character))) return false;
  for (const p of model.blocks.prose) {
    if (p.line < start.line) continue;
    if (p.line > end.line) break;
    const from = p.line === start.line ? start.character : 0;
    const to = p.line === end.line ? end.character : undefined;
    if (!INVISIBLE.test(p.text.slice(from, to))) return false;
  }
  return true;
}
