import assert from 'node:assert/strict';
import { timelineOrder } from '../../../../server/src/service/rules/timelineOrder';
import { checkSeverityOverride, entry, makeModel, runRule, rng } from '../modelFactory';

describe('rule timeline-order', () => {
  const sorted = [entry('14:00', '2024-05-01T14:00:00Z', 20), entry('14:05', '2024-05-01T14:05:00Z', 21), entry('14:20', '2024-05-01T14:20:00Z', 22)];
  it('reports the first entry that is out of order, once', () => {
    const tl = [entry('14:00', '2024-05-01T14:00:00Z', 20), entry('14:30', '2024-05-01T14:30:00Z', 21), entry('14:10', '2024-05-01T14:10:00Z', 22), entry('14:20', '2024-05-01T14:20:00Z', 23)];
    const fs = runRule(timelineOrder, makeModel({ timeline: tl }));
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.range, rng(22, 0, 30));
    assert.equal(fs[0]!.severity, 'warning');
    assert.match(fs[0]!.message, /out of order: 14:10 comes after 14:30 but/);
  });
  it('adds how a time was read only when it reads differently from what is written', () => {
    const tl = [entry('**2:30 PM**', '2024-05-01T14:30:00Z', 20), entry('14:10:', '2024-05-01T14:10:00Z', 21)];
    const fs = runRule(timelineOrder, makeModel({ timeline: tl }));
    assert.match(fs[0]!.message, /out of order: 14:10: comes after \*\*2:30 PM\*\* \(14:30\) but/);
    const days = [entry('2024-05-02 09:00', '2024-05-02T09:00:00Z', 20), entry('2024-05-01 23:00 UTC', '2024-05-01T23:00:00Z', 21)];
    assert.match(runRule(timelineOrder, makeModel({ timeline: days }))[0]!.message,
      /out of order: 2024-05-01 23:00 UTC comes after 2024-05-02 09:00 \(2024-05-02 09:00 UTC\) but/);
  });
  it('accepts a sorted timeline, and ignores approximate and unreadable times', () => {
    assert.deepEqual(runRule(timelineOrder, makeModel({ timeline: sorted })), []);
    const tl = [sorted[0]!, entry('~13:00', '2024-05-01T13:00:00Z', 21, { approximate: true }), entry('??', null, 22), sorted[2]!];
    assert.deepEqual(runRule(timelineOrder, makeModel({ timeline: tl })), []);
  });
  it('compares across days by the instant', () => {
    const tl = [entry('23:50', '2024-05-01T23:50:00Z', 20), entry('00:10', '2024-05-02T00:10:00Z', 21)];
    assert.deepEqual(runRule(timelineOrder, makeModel({ timeline: tl })), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(timelineOrder, makeModel({ timeline: [sorted[1]!, sorted[0]!] }));
  });
});
