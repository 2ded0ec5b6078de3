/**
 * Sections by meaning, not by a fixed list of names (own fixtures): phrasings, questions, numbering, emoji, typos,
 * any heading level, bold-paragraph sections; and what must stay unrecognised.
 */
import assert from 'node:assert/strict';
import type { SectionKind } from '../../../common/model';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { classifySection } from '../../../server/src/service/model/sections';
import { pipeline } from './realWorldHelpers';

const kinds = (text: string) => buildModel(new DocumentParser().parse('file:///w/postmortems/s.md', 1, text), DEFAULT_SETTINGS, true).sections.map((s) => [s.title, s.kind, s.style]);

describe('sections by meaning', () => {
  const titles: [string, SectionKind][] = [
    ['What was impacted', 'impact'], ['Who was affected?', 'impact'], ['How users were affected', 'impact'], ['Impacted customers', 'impact'],
    ["What we're doing about it", 'action_items'], ['What we are going to do', 'action_items'], ['Future work', 'action_items'], ['Looking forward', 'action_items'],
    ['Preventive enhancements', 'action_items'], ['Further improvements', 'action_items'], ['How we will prevent this from happening again', 'action_items'],
    ['Were we alerted quickly?', 'detection'], ['How did we notice?', 'detection'], ['Diagnosis', 'detection'],
    ['Origin of the incident', 'contributing_factors'], ['What caused the outage?', 'contributing_factors'], ['Why did the deploy break login?', 'contributing_factors'],
    ['How it is fixed', 'resolution'], ['How service was restored', 'resolution'],
    ['Final thoughts', 'lessons_learned'], ['What we could have done better', 'lessons_learned'], ['Possible improvements', 'lessons_learned'],
    ['🔥 2. Timline (UTC)', 'timeline'], ['Summery', 'summary'], ['Lesons learned', 'lessons_learned'], ['IV. Root Casues', 'contributing_factors'],
    ['Incident Overview', 'summary'], ['TL;DR', 'summary'],
    ['How did we respond?', 'response'], ['Five Whys Analysis', 'contributing_factors'], ['Post-Incident Actions', 'action_items'],
    ['Prevention', 'action_items'], ['Areas for improvement', 'lessons_learned'], ['Background & Context', 'summary'], ['Workaround', 'resolution'],
    ['Supporting Documentation', 'supporting_information'], ['Related records', 'supporting_information'], ['Next Actions', 'action_items'],
    ['Immediate actions taken', 'resolution'], ['Solution', 'resolution'], ['Appendix A: logs', 'supporting_information'],
    // Not sections of a kind: a date, a time, a topic, a long sentence.
    ['2024-03-14', 'other'], ['09:15', 'other'], ['Kubernetes upgrade', 'other'], ['Design decisions', 'other'],
  ];
  for (const [title, kind] of titles) it(`"${title}" -> ${kind}`, () => assert.equal(classifySection(title), kind));

  it('reads headings at any level the same way', () => {
    const text = '# Outage\n\n##### What was impacted\n\nLogins.\n\n### What we\'re doing about it\n\n- Add a canary\n';
    assert.deepEqual(kinds(text).slice(1).map((k) => k[1]), ['impact', 'action_items']);
  });

  it('keeps topics inside lessons or action items as part of them (no "response" under "Takeaways")', () => {
    const text = '# Outage\n\n## Takeaways\n\n### Abuse reporting and responses\n\nText.\n\n## Action items\n\n### Detection\n\n- Add an alert\n';
    assert.deepEqual(kinds(text).map((k) => k[1]), ['other', 'lessons_learned', 'other', 'action_items', 'detection']);
  });

  it('reads "Improvements" under lessons as what went wrong, not as action items', () => {
    const text = '# Outage\n\n## Lessons learned\n\n### Improvements\n\nWe lacked a smoke test.\n\n## Follow-ups\n\n- Add one\n';
    assert.deepEqual(kinds(text).map((k) => k[1]), ['other', 'lessons_learned', 'what_went_wrong', 'action_items']);
  });

  it('reads bold-paragraph sections (alone or with text after the label) when the label names a kind', () => {
    const text = '# Outage\n\n**Summary:**\n\nLogins failed.\n\n**Impact:** 40% of logins failed for 2 hours.\n\n**Bonus: a diagram**\n\nText.\n\n**Timeline:**\n\n- 09:15 Alert\n';
    assert.deepEqual(kinds(text), [
      ['Outage', 'other', 'heading'], ['Summary', 'summary', 'bold'], ['Impact', 'impact', 'bold'], ['Timeline', 'timeline', 'bold'],
    ]);
    const model = buildModel(new DocumentParser().parse('file:///w/postmortems/s.md', 1, text), DEFAULT_SETTINGS, true);
    assert.deepEqual(model.sections.slice(1).map((s) => s.parent), [0, 0, 0], 'bold sections nest under the heading they are written in');
    assert.equal(model.sections[3]!.depth, 2);
  });

  it('reads plain label lines of a pasted document as sections, by name when text follows on the line', () => {
    const text = 'Incident: Email delay\nDate: 2023-03-21\n\nImpact: 30% of email delayed.\n\nTimeline (UTC):\n09:10 - rejects\n\nNote: see the appendix.\n\nWhat we learned: alerts were late.\n\nFollow-ups:\n\n- Add a provider\n';
    assert.deepEqual(kinds(text), [['Impact', 'impact', 'label'], ['Timeline (UTC)', 'timeline', 'label'], ['What we learned', 'lessons_learned', 'label'], ['Follow-ups', 'action_items', 'label']]);
  });

  it('does not make a section of a bold metadata line or emphasis inside a sentence', () => {
    const text = '# Outage\n\n**Severity:** SEV2\n\n**Note** that the impact was small.\n';
    assert.deepEqual(kinds(text), [['Outage', 'other', 'heading']]);
  });

  it('a document with sections under other names raises no "missing section" for them', () => {
    const text = [
      '# Outage on 14/03/2024', '', '### Overview', '', 'Logins failed for two hours.', '', '### What was impacted', '', 'All EU users.', '',
      '### Timeline (UTC)', '', '- 09:15 Alert', '- 11:15 Fixed', '', '### Origin of the incident', '', 'A bad config.', '',
      "### What we're doing about it", '', '- Add a config check (owner: @ana)', '',
    ].join('\n');
    const { findings } = pipeline(text);
    assert.deepEqual(findings.filter((f) => f.code === 'missing-section').map((f) => f.message), []);
    // And the check is live: without the impact section it is missing.
    const without = pipeline(text.replace('### What was impacted\n\nAll EU users.\n\n', '')).findings;
    assert.deepEqual(without.filter((f) => f.code === 'missing-section').map((f) => f.data?.kind), ['impact']);
  });
});
