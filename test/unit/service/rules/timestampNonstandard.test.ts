import assert from 'node:assert/strict';
import { timeForm, timestampNonstandard } from '../../../../server/src/service/rules/timestampNonstandard';
import { checkSeverityOverride, entry, makeModel, runRule, rng } from '../modelFactory';

describe('rule timestamp-nonstandard', () => {
  const tl = [
    entry('14:00', '2024-05-01T14:00:00Z', 20), entry('14:05', '2024-05-01T14:05:00Z', 21),
    entry('2:10 PM', '2024-05-01T14:10:00Z', 22), entry('14:20', '2024-05-01T14:20:00Z', 23),
  ];
  it('classifies written forms', () => {
    assert.equal(timeForm('**14:03**'), '99:99');
    assert.equal(timeForm('2:03 pm'), '9:99 A');
    assert.equal(timeForm('2024-05-01 14:03 UTC'), '9999-99-99 99:99 Z');
  });
  it('hints at a time written unlike the others, with the rewritten form', () => {
    const fs = runRule(timestampNonstandard, makeModel({ timeline: tl }));
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.data, { index: 2, normalized: '14:10' });
    assert.deepEqual(fs[0]!.range, rng(22, 2, 9));
    assert.equal(fs[0]!.severity, 'hint');
  });
  it('keeps the dominant zone suffix and date', () => {
    const z = [
      entry('2024-05-01 14:00 UTC', '2024-05-01T14:00:00Z', 20), entry('2024-05-01 14:05 UTC', '2024-05-01T14:05:00Z', 21),
      entry('14:10', '2024-05-01T14:10:00Z', 22), entry('2024-05-01 14:20 UTC', '2024-05-01T14:20:00Z', 23),
    ];
    assert.deepEqual(runRule(timestampNonstandard, makeModel({ timeline: z }))[0]!.data, { index: 2, normalized: '2024-05-01 14:10 UTC' });
  });
  it('stays quiet without a clear majority or with consistent times', () => {
    assert.deepEqual(runRule(timestampNonstandard, makeModel({ timeline: [tl[0]!, tl[1]!, tl[3]!] })), []);
    assert.deepEqual(runRule(timestampNonstandard, makeModel({ timeline: [tl[0]!, tl[2]!, entry('2024-05-01 14:30', '2024-05-01T14:30:00Z', 24)] })), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(timestampNonstandard, makeModel({ timeline: tl }));
  });
});
