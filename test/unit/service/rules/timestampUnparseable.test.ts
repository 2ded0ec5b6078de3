import assert from 'node:assert/strict';
import { timestampUnparseable } from '../../../../server/src/service/rules/timestampUnparseable';
import { checkSeverityOverride, entry, makeModel, runRule, rng } from '../modelFactory';

describe('rule timestamp-unparseable', () => {
  const tl = [entry('14:00', '2024-05-01T14:00:00Z', 20), entry('14:7x', null, 21, { note: 'minute 7x is not a number' }), entry('~2X:XX', null, 22, { approximate: true })];
  it('reports unreadable, non-approximate times at the time, with the note', () => {
    const fs = runRule(timestampUnparseable, makeModel({ timeline: tl }));
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.data, { indexes: [1] });
    assert.deepEqual(fs[0]!.range, rng(21, 2, 7));
    assert.equal(fs[0]!.severity, 'warning');
    assert.match(fs[0]!.message, /^Cannot read the time '14:7x' \(minute 7x is not a number\)\. Write it as HH:MM/);
  });
  it('is one finding on the timeline, listing the entries, when most times cannot be read (each one with postmortem.strict)', () => {
    const odd = [tl[0]!, ...[21, 22, 23].map((l) => entry(`${l}h`, null, l, { note: 'unknown form' })), entry('2024-05-02', null, 24, { note: 'date only, no time of day' })];
    const model = makeModel({ timeline: odd });
    const fs = runRule(timestampUnparseable, model);
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.data, { indexes: [1, 2, 3] });
    assert.deepEqual(fs[0]!.range, model.sections.find((s) => s.kind === 'timeline')!.headingRange);
    assert.match(fs[0]!.message, /^3 of 5 timeline times cannot be read: '21h' \(line 22\), '22h' \(line 23\), '23h' \(line 24\)\./);
    const strict = runRule(timestampUnparseable, model, '', { strict: true });
    assert.deepEqual(strict.map((f) => f.data), [{ indexes: [1] }, { indexes: [2] }, { indexes: [3] }, { indexes: [4] }]);
  });
  it('does not count a bare date (a timeline of days) unless strict', () => {
    const days = [entry('2021-12-17', null, 20), entry('Dec 18, 2021', null, 21), entry('14:00', '2024-05-01T14:00:00Z', 22)];
    assert.deepEqual(runRule(timestampUnparseable, makeModel({ timeline: days })), []);
    assert.equal(runRule(timestampUnparseable, makeModel({ timeline: days }), '', { strict: true }).length, 2);
  });
  it('accepts readable and approximate times', () => {
    assert.deepEqual(runRule(timestampUnparseable, makeModel({ timeline: [tl[0]!, tl[2]!] })), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(timestampUnparseable, makeModel({ timeline: tl }));
  });
});
