import assert from 'node:assert/strict';
import { actionItemDueTooLate } from '../../../../server/src/service/rules/actionItemDueTooLate';
import { checkSeverityOverride, item, loc, makeMetadata, makeModel, runRule, rng } from '../modelFactory';

const dueOn = (d: string, line: number) => ({ ...loc(d, line, 30, 40, 'inline'), raw: d });

describe('rule action-item-due-too-late', () => {
  it('reports items due after the severity target (SEV2: 30 days after the incident date)', () => {
    const items = [item('late', 30, { due: dueOn('2024-06-15', 30) }), item('on time', 31, { due: dueOn('2024-05-31', 31) })];
    const fs = runRule(actionItemDueTooLate, makeModel({ actionItems: items }));
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.data, { id: 'id-30', targetDate: '2024-05-31' });
    assert.deepEqual(fs[0]!.range, rng(30, 30, 40));
    assert.equal(fs[0]!.severity, 'information');
    assert.match(fs[0]!.message, /SEV2 target: 30 days after the incident \(2024-05-01\)/);
  });
  it('counts from the start time and normalises the severity; uses the configured days', () => {
    const md = makeMetadata({ severity: loc('sev-1', 2, 10), times: { started: { raw: 'x', iso: '2024-04-30T23:00:00Z', range: rng(5, 0, 1), source: 'frontmatter' } } });
    const fs = runRule(actionItemDueTooLate, makeModel({ metadata: md, actionItems: [item('a', 30, { due: dueOn('2024-05-16', 30) })] }));
    assert.deepEqual(fs[0]!.data, { id: 'id-30', targetDate: '2024-05-15' });
    assert.deepEqual(runRule(actionItemDueTooLate, makeModel({ metadata: md, actionItems: [item('a', 30, { due: dueOn('2024-05-16', 30) })] }), '', { actionItemTargetDays: { SEV1: 20 } }), []);
  });
  it('skips done items, unknown severities and unreadable dates', () => {
    assert.deepEqual(runRule(actionItemDueTooLate, makeModel({ actionItems: [item('a', 30, { done: true, due: dueOn('2025-01-01', 30) })] })), []);
    assert.deepEqual(runRule(actionItemDueTooLate, makeModel({ metadata: makeMetadata({ severity: loc('SEV5', 2, 10) }), actionItems: [item('a', 30, { due: dueOn('2025-01-01', 30) })] })), []);
    assert.deepEqual(runRule(actionItemDueTooLate, makeModel({ actionItems: [item('a', 30, { due: { ...loc('soon', 30, 30, 34, 'inline'), raw: 'soon' } })] })), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(actionItemDueTooLate, makeModel({ actionItems: [item('late', 30, { due: dueOn('2024-12-01', 30) })] }));
  });
});
