import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../../common/settings';
import { computeFindings } from '../../../../server/src/service/diagnostics';
import { buildModel } from '../../../../server/src/service/model/index';
import { DocumentParser } from '../../../../server/src/service/parse';
import { emptySection } from '../../../../server/src/service/rules/emptySection';
import { SchemaValidator } from '../../../../server/src/service/schema';
import { nullLogger } from '../../../../server/src/service/types';

function findings(text: string, rules = DEFAULT_SETTINGS.rules) {
  const model = buildModel(new DocumentParser().parse('file:///postmortems/e.md', 1, text), DEFAULT_SETTINGS, true);
  return computeFindings(model, { ...DEFAULT_SETTINGS, rules }, SchemaValidator.builtIn(nullLogger), new Date('2024-05-02T00:00:00Z'));
}

const DOC = [
  '# Outage',            // 0
  '',                     // 1
  '## Summary',           // 2
  '',                     // 3
  '<!-- say what happened -->', // 4
  '',                     // 5
  '## Impact',            // 6
  '',                     // 7
  '## Lessons learned',   // 8
  '',                     // 9
  '### What went well',   // 10
  '',                     // 11
  'Paging worked.',       // 12
  '',                     // 13
  '## Notes',             // 14
  '',                     // 15
].join('\n');

describe('rule empty-section', () => {
  it('reports recognised sections with nothing a reader sees, at their headings, saying what to write', () => {
    const fs = findings(DOC).filter((f) => f.code === 'empty-section');
    assert.deepEqual(fs.map((f) => [f.range.start.line, f.data?.kind]), [[2, 'summary'], [6, 'impact']]);
    assert.match(fs[0]!.message, /^Section 'Summary' is empty\. Write what happened/);
    assert.equal(fs[0]!.severity, 'information');
  });
  it('does not report a section whose content is in its sub-sections, nor unrecognised sections', () => {
    const kinds = findings(DOC).filter((f) => f.code === 'empty-section').map((f) => f.data?.kind);
    assert.ok(!kinds.includes('lessons_learned'));
    assert.ok(!kinds.includes('other'));
  });
  it('says it once for an empty Impact section (impact-not-quantified stays quiet)', () => {
    assert.ok(!findings(DOC).some((f) => f.code === 'impact-not-quantified'));
  });
  it('is quiet once the section has text', () => {
    const text = DOC.replace('## Impact\n', '## Impact\n\n42% of checkouts failed for 30 minutes.\n');
    assert.ok(!findings(text).some((f) => f.code === 'empty-section' && f.data?.kind === 'impact'));
  });
  it('takes its severity from settings', () => {
    assert.ok(findings(DOC, { 'empty-section': 'warning' }).filter((f) => f.code === 'empty-section').every((f) => f.severity === 'warning'));
    assert.ok(!findings(DOC, { 'empty-section': 'ignore' }).some((f) => f.code === 'empty-section'));
    assert.equal(emptySection.defaultSeverity, 'information');
  });
});
