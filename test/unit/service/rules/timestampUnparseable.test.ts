import assert from 'node:assert/strict';
import { timestampUnparseable } from '../../../../server/src/service/rules/timestampUnparseable';
import { checkSeverityOverride, entry, makeModel, runRule, rng } from '../modelFactory';

describe('rule timestamp-unparseable', () => {
  const tl = [entry('14:00', '2024-05-01T14:00:00Z', 20), entry('14:7x', null, 21, { note: 'minute 7x is not a number' }), entry('~2X:XX', null, 22, { approximate: true })];
  it('reports unreadable, non-approximate times at the time, with the note', () => {
    const fs = runRule(timestampUnparseable, makeModel({ timeline: tl }));
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.data, { index: 1 });
    assert.deepEqual(fs[0]!.range, rng(21, 2, 7));
    assert.equal(fs[0]!.severity, 'warning');
    assert.match(fs[0]!.message, /^Cannot read the time '14:7x' \(minute 7x is not a number\)\. Write it as HH:MM/);
  });
  it('accepts readable and approximate times', () => {
    assert.deepEqual(runRule(timestampUnparseable, makeModel({ timeline: [tl[0]!, tl[2]!] })), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(timestampUnparseable, makeModel({ timeline: tl }));
  });
});
