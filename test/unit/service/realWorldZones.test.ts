/**
 * Zones and impact figures as European/Asian teams write them (own short fixtures).
 */
import assert from 'node:assert/strict';
import { codes, pipeline } from './realWorldHelpers';

describe('real-world zones and figures', function () {
  it('on the night clocks go back, "02:30 CEST" and "02:30 CET" are an hour apart', function () {
    const { model } = pipeline(`# Jobs ran twice\n\n## Timeline\n\n### 2023-10-29\n\n- 02:30 CEST first run\n- 02:30 CET second run\n- 02:50 CET alert fired\n`);
    assert.deepEqual(model.timeline.map((e) => e.iso), ['2023-10-29T00:30:00Z', '2023-10-29T01:30:00Z', '2023-10-29T01:50:00Z']);
  });

  it('the US fall-back hour: 01:30 EDT then 01:30 EST', function () {
    const { model } = pipeline(`# X\n\n## Timeline\n\n### 2024-11-03\n\n- 01:30 EDT backup starts\n- 01:30 EST backup starts again\n`);
    assert.deepEqual(model.timeline.map((e) => e.iso), ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z']);
  });

  it('outside the overlap hour a standard abbreviation is still the region clock that day', function () {
    const { model } = pipeline(`# X\n\n## Timeline\n\n### 2024-07-01\n\n- 14:00 PST deploy\n`);
    assert.equal(model.timeline[0]!.iso, '2024-07-01T21:00:00Z');
  });

  it('a count of any plural noun with a thousands separator quantifies the impact', function () {
    const { model, findings } = pipeline(`---\ntitle: X\nseverity: SEV3\nstatus: draft\n---\n# X\n\n## Impact\n\n1,180 invoices were emailed twice.\n`);
    assert.equal(model.impact.quantified, true);
    assert.deepEqual(model.impact.figures.map((f) => f.value), ['1,180 invoices']);
    assert.ok(!codes(findings).includes('impact-not-quantified'));
  });

  it('a small bare number before a word outside the unit list is not taken as a figure', function () {
    const { model } = pipeline(`# X\n\n## Impact\n\nWe paged 2 engineers; invoices were sent twice.\n`);
    assert.equal(model.impact.quantified, false);
  });
});
