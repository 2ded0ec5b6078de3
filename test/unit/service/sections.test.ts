import assert from 'node:assert/strict';
import { DocumentParser } from '../../../server/src/service/parse';
import { classifySection, readSections, SECTION_TITLES } from '../../../server/src/service/model/sections';
import { SECTION_ORDER, type SectionKind } from '../../../common/model';

const CASES: [string, SectionKind][] = [
  ['Summary', 'summary'], ['TL;DR', 'summary'], ['Overview', 'summary'], ['Incident overview', 'summary'], ['Executive Summary', 'summary'],
  ['Issue summary:', 'summary'], ['Description', 'summary'], ['1. Summary', 'summary'], ['III. Summary', 'summary'],
  ['Impact', 'impact'], ['Customer impact', 'impact'], ['User Impact', 'impact'], ['Affected crates', 'impact'], ['Potential Impact', 'impact'], ['Impact Analysis', 'impact'],
  ['Timeline', 'timeline'], ['Timeline (UTC)', 'timeline'], ['3. Timeline', 'timeline'], ['📅 Timeline', 'timeline'], ['Chronology', 'timeline'],
  ['Sequence of events', 'timeline'], ['Incident timeline', 'timeline'], ['Yearn Response Timeline', 'timeline'], ['Timeline of events', 'timeline'], ['Follow-up timeline (times in BST)', 'timeline'],
  ['Root cause', 'contributing_factors'], ['Root Causes', 'contributing_factors'], ['Root cause analysis', 'contributing_factors'], ['Contributing factors', 'contributing_factors'],
  ['Causes', 'contributing_factors'], ['Trigger', 'contributing_factors'], ['Fault', 'contributing_factors'], ['Why did this happen?', 'contributing_factors'], ['Five whys', 'contributing_factors'],
  ['Root cause of the outage', 'contributing_factors'], ['Root cause identification: The Five Whys', 'contributing_factors'],
  ['Detection', 'detection'], ['Response', 'response'], ['Incident response', 'response'],
  ['Resolution', 'resolution'], ['Recovery', 'resolution'], ['Mitigation', 'resolution'], ['Remediation', 'resolution'], ['Remediation Actions Taken', 'resolution'], ['Fix Implemented', 'resolution'],
  ['Action items', 'action_items'], ['Action Items:', 'action_items'], ['Corrective actions', 'action_items'], ['Corrective and Preventative Measures', 'action_items'],
  ['Follow-ups', 'action_items'], ['Follow-up Actions', 'action_items'], ['Next steps', 'action_items'], ['Remediation items', 'action_items'], ['Improvements', 'action_items'], ['Tasks', 'action_items'], ['TODO', 'action_items'],
  ['Lessons learned', 'lessons_learned'], ['Lessons Learnt', 'lessons_learned'], ['Learnings', 'lessons_learned'], ['Takeaways', 'lessons_learned'], ['Retrospective', 'lessons_learned'],
  ['What went well', 'what_went_well'], ['What went wrong', 'what_went_wrong'], ['Things that went poorly', 'what_went_wrong'], ["What didn't go so well?", 'what_went_wrong'], ['What went poorly', 'what_went_wrong'],
  ['Where we got lucky', 'where_we_got_lucky'],
  ['Appendix', 'supporting_information'], ['Logs', 'supporting_information'], ['References', 'supporting_information'], ['Supporting information', 'supporting_information'],
  // Common variants ("Response and Recovery" is response: see sections.ts).
  ['Response and Recovery', 'response'], ['Incident Response and Recovery', 'response'], ['5 Whys', 'contributing_factors'], ['The 5 Whys', 'contributing_factors'],
  ['Five Whys', 'contributing_factors'], ['Root Causes and Trigger', 'contributing_factors'], ['Trigger and root cause', 'contributing_factors'],
  ['Contributing Factors and Root Cause', 'contributing_factors'], ['Customer Impact', 'impact'], ['Summary of Impact', 'impact'], ['Follow-up items', 'action_items'],
  ['Action Items / Follow-ups', 'action_items'], ['Post-Incident Action Items', 'action_items'], ['Follow Up Tasks', 'action_items'], ['Recovery', 'resolution'],
  ['Mitigation and Resolution', 'resolution'], ['Lessons', 'lessons_learned'], ['Key Takeaways', 'lessons_learned'], ['What went right', 'what_went_well'],
  ['Things that went well', 'what_went_well'], ['Things that went wrong', 'what_went_wrong'], ['Lucky breaks', 'where_we_got_lucky'], ['Background', 'summary'],
  ['Supporting Documents', 'supporting_information'],
  ['14:03', 'other'], ['May 12', 'other'], ['BinderHub', 'other'], ['Process improvements', 'other'], ['Thanks', 'other'], ['', 'other'],
];

describe('sections: classifySection', () => {
  for (const [title, kind] of CASES) {
    it(`"${title}" -> ${kind}`, () => assert.equal(classifySection(title), kind));
  }
  it('has a canonical title for every kind that classifies back to it', () => {
    for (const kind of SECTION_ORDER) assert.equal(classifySection(SECTION_TITLES[kind]), kind);
  });
});

describe('sections: readSections', () => {
  const text = '# Title\n\nIntro.\n\n## Summary\n\nText.\n\n## Lessons learned\n\n### What went well\n\n- a\n\n### What went wrong\n\n## Action items\n\n- [ ] x\n';
  const sections = readSections(new DocumentParser().parse('u', 1, text));

  it('finds every heading with its depth, kind and parent', () => {
    assert.deepEqual(sections.map((s) => [s.title, s.depth, s.kind, s.parent]), [
      ['Title', 1, 'other', -1],
      ['Summary', 2, 'summary', 0],
      ['Lessons learned', 2, 'lessons_learned', 0],
      ['What went well', 3, 'what_went_well', 2],
      ['What went wrong', 3, 'what_went_wrong', 2],
      ['Action items', 2, 'action_items', 0],
    ]);
  });

  it('gives heading, body and whole ranges', () => {
    const summary = sections[1]!;
    assert.deepEqual(summary.headingRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 10 } });
    assert.deepEqual(summary.bodyRange, { start: { line: 5, character: 0 }, end: { line: 6, character: 5 } });
    assert.deepEqual(summary.range, { start: { line: 4, character: 0 }, end: { line: 6, character: 5 } });
    const lessons = sections[2]!;
    assert.deepEqual(lessons.range.end, { line: 14, character: 19 }, 'a section includes its sub-sections');
    const wrong = sections[4]!;
    assert.deepEqual(wrong.bodyRange, { start: wrong.headingRange.end, end: wrong.headingRange.end }, 'empty body');
    assert.deepEqual(sections[0]!.range.end, { line: 18, character: 7 });
  });
});
