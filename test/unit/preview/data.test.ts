import assert from 'node:assert/strict';
import { entryAtLine, MAX_TEXT_CHARS, toPreviewData, truncate } from '../../../client/src/preview/data';
import { formatDuration as formatMinutes } from '../../../common/format';
import { action, entry, located, makeModel } from './modelFactory';

const T = (hm: string) => `2024-05-01T${hm}:00Z`;

describe('preview data: phases and durations', () => {
  it('lists key times in phase order with labels, raw text and lines', () => {
    const d = toPreviewData(makeModel({ times: { resolved: T('16:00'), started: T('14:00'), detected: T('14:12') } }));
    assert.deepEqual(d.phases.map((p) => p.name), ['started', 'detected', 'resolved']);
    assert.equal(d.phases[0]!.label, 'Impact started');
    assert.equal(d.phases[1]!.raw, '14:12');
    assert.equal(typeof d.phases[1]!.line, 'number');
  });

  it('takes durations and their definitions from the model metrics', () => {
    const metrics = [
      { name: 'timeToDetect' as const, label: 'Time to detect', minutes: 12, definition: 'from impact start (started) to detected', from: 'started' as const, to: 'detected' as const },
      { name: 'timeToResolve' as const, label: 'Time to resolve', minutes: 84, definition: 'from detection (detected) to resolved', from: 'detected' as const, to: 'resolved' as const },
    ];
    const d = toPreviewData(makeModel({ times: { started: T('14:00'), detected: T('14:12') }, metrics }));
    assert.deepEqual(d.durations.map((x) => [x.label, x.text, x.definition]), [
      ['Time to detect', '12 min', 'from impact start (started) to detected'],
      ['Time to resolve', '1 h 24 min', 'from detection (detected) to resolved'],
    ]);
  });

  it('shows the server\'s metrics (one computation, model/metrics.ts), each with its definition, and none when it computed none', () => {
    const d = toPreviewData(makeModel({ times: { started: T('14:00'), detected: T('14:10'), mitigated: T('15:00'), resolved: T('16:30') } }));
    const ttd = d.durations.find((x) => x.name === 'timeToDetect')!;
    assert.equal(ttd.minutes, 10);
    assert.match(ttd.definition, /started.*detected/);
    assert.deepEqual(toPreviewData(makeModel({ times: { started: T('14:00'), detected: T('14:10') }, metrics: [] })).durations, []);
    assert.equal(d.durations.find((x) => x.name === 'timeToResolve')!.text, '2 h 30 min');
  });

  it('shades the impact window from started to resolved and spans all known times', () => {
    const d = toPreviewData(makeModel({ times: { started: T('14:00'), resolved: T('15:00') }, timeline: [entry(10, '13:50', T('13:50'), 'deploy')] }));
    assert.deepEqual(d.impact, { start: '2024-05-01T14:00:00.000Z', end: '2024-05-01T15:00:00.000Z' });
    assert.deepEqual(d.span, { start: '2024-05-01T13:50:00.000Z', end: '2024-05-01T15:00:00.000Z' });
  });

  it('has no span or impact without readable times, and keeps an unreadable key time', () => {
    const d = toPreviewData(makeModel({ times: { started: null } }));
    assert.equal(d.span, null);
    assert.equal(d.impact, null);
    assert.equal(d.phases[0]!.iso, null);
  });

  it('formats durations', () => {
    assert.equal(formatMinutes(45), '45 min');
    assert.equal(formatMinutes(60), '1 h');
    assert.equal(formatMinutes(84), '1 h 24 min');
    assert.equal(formatMinutes(3060), '2 d 3 h');
    assert.equal(formatMinutes(-5), '-5 min');
  });
});

describe('preview data: timeline analysis', () => {
  it('marks a gap longer than 30 minutes with its length', () => {
    const d = toPreviewData(makeModel({ timeline: [entry(1, '10:00', T('10:00'), 'a'), entry(2, '10:20', T('10:20'), 'b'), entry(3, '11:05', T('11:05'), 'c'), entry(4, '15:00', T('15:00'), 'd')] }));
    assert.deepEqual(d.entries.map((e) => e.gapBeforeText ?? null), [null, null, '45 min', '3 h 55 min']);
  });

  it('marks a gap longer than a quarter of a short incident', () => {
    const d = toPreviewData(makeModel({ timeline: [entry(1, '10:00', T('10:00'), 'a'), entry(2, '10:02', T('10:02'), 'b'), entry(3, '10:12', T('10:12'), 'c'), entry(4, '10:20', T('10:20'), 'd')] }));
    // span 20 min: 10 min (50%) and 8 min (40%) are gaps worth noticing, 2 min is not
    assert.deepEqual(d.entries.map((e) => e.gapBeforeMinutes ?? null), [null, null, 10, 8]);
  });

  it('marks the entries the server flags as out of order (earlier than the latest time before them), without a gap', () => {
    const d = toPreviewData(makeModel({ timeline: [entry(1, '10:00', T('10:00'), 'a'), entry(2, '09:00', T('09:00'), 'b'), entry(3, '09:05', T('09:05'), 'c')] }));
    assert.deepEqual(d.entries.map((e) => e.outOfOrder), [false, true, true]);
    assert.equal(d.entries[1]!.gapBeforeMinutes, undefined);
  });

  it('marks entries without a readable time and skips them for order and gaps', () => {
    const d = toPreviewData(makeModel({ timeline: [entry(1, '10:00', T('10:00'), 'a'), entry(2, 'later', null, 'b', { note: 'not a time' }), entry(3, '10:05', T('10:05'), 'c')] }));
    assert.deepEqual(d.entries.map((e) => e.unparseable), [false, true, false]);
    assert.equal(d.entries[1]!.fullTime, 'later');
    assert.equal(d.entries[1]!.note, 'not a time');
    assert.equal(d.entries[2]!.outOfOrder, false);
  });

  it('keeps document order, lines, marks and approximate flags; full time in UTC', () => {
    const d = toPreviewData(makeModel({ timeline: [entry(7, '~14:03', T('14:03'), 'alert fired', { approximate: true, marks: 'detected' })] }));
    const e = d.entries[0]!;
    assert.equal(e.line, 7);
    assert.equal(e.marks, 'detected');
    assert.equal(e.approximate, true);
    assert.equal(e.fullTime, '2024-05-01 14:03 UTC');
  });

  it('treats a garbage iso as unreadable', () => {
    const d = toPreviewData(makeModel({ timeline: [entry(1, '25:99', 'not-a-date', 'x')] }));
    assert.equal(d.entries[0]!.unparseable, true);
    assert.equal(d.entries[0]!.iso, null);
  });

  it('caps a 100,000-character entry with an ellipsis', () => {
    const d = toPreviewData(makeModel({ timeline: [entry(1, '10:00', T('10:00'), 'x'.repeat(100_000))] }));
    assert.equal(d.entries[0]!.truncated, true);
    assert.equal(d.entries[0]!.text.length, MAX_TEXT_CHARS + 1);
    assert.ok(d.entries[0]!.text.endsWith('…'));
  });

  it('does not cut a surrogate pair in half', () => {
    const t = truncate('ab😀cd', 3);
    assert.equal(t.text, 'ab…');
  });

  it('finds the entry containing a line', () => {
    const d = toPreviewData(makeModel({ timeline: [entry(3, '10:00', T('10:00'), 'a'), entry(5, '10:01', T('10:01'), 'b', { range: { start: { line: 5, character: 0 }, end: { line: 7, character: 0 } } })] }));
    assert.equal(entryAtLine(d, 3), 0);
    assert.equal(entryAtLine(d, 6), 1);
    assert.equal(entryAtLine(d, 4), null);
  });
});

describe('preview data: header and action items', () => {
  it('reads title, owner, due, ticket and done state', () => {
    const m = makeModel({
      title: 'Checkout outage',
      actionItems: [
        action(20, 'Add alerting', { owner: located('@alice'), due: { ...located('2024-06-01'), raw: 'June 1' }, ticket: located('OPS-12'), done: true }),
        action(21, 'Write runbook'),
      ],
    });
    m.metadata.severity = located('SEV2');
    const d = toPreviewData(m);
    assert.equal(d.title, 'Checkout outage');
    assert.equal(d.severity, 'SEV2');
    assert.deepEqual(d.actionItems[0], { text: 'Add alerting', truncated: false, line: 20, done: true, owner: '@alice', due: '2024-06-01', ticket: 'OPS-12', ticketState: 'linked' });
    assert.deepEqual(d.actionItems[1], { text: 'Write runbook', truncated: false, line: 21, done: false, ticketState: 'to-create' });
  });

  it('falls back to the file name for the title', () => {
    assert.equal(toPreviewData(makeModel()).title, 'x.md');
  });
});
