import assert from 'node:assert/strict';
import { actionItemFields } from '../../../../server/src/service/rules/actionItemFields';
import { checkSeverityOverride, item, loc, makeModel, runRule, rng } from '../modelFactory';

const owner = loc('@alice', 30, 20, 26, 'inline');
const due = { ...loc('2024-05-20', 30, 30, 40, 'inline'), raw: '2024-05-20' };
const type = loc('detect', 30, 45, 51, 'inline');

describe('rule action-item-fields', () => {
  it('reports each item missing owner, due date or type, with what is missing', () => {
    const items = [item('Add alerting on pool saturation', 30), item('Write runbook', 31, { owner, due, type }), item('Load test', 32, { owner })];
    const fs = runRule(actionItemFields, makeModel({ actionItems: items }));
    assert.equal(fs.length, 2);
    assert.deepEqual(fs[0]!.data, { id: 'id-30', missing: ['owner', 'due', 'type'] });
    assert.deepEqual(fs[0]!.range, rng(30, 0, 40));
    assert.match(fs[0]!.message, /^Action item 'Add alerting on pool saturation' has no owner, due date or type/);
    assert.deepEqual(fs[1]!.data, { id: 'id-32', missing: ['due', 'type'] });
    assert.equal(fs[1]!.severity, 'warning');
  });
  it('clips a multi-line item to its first line', () => {
    const fs = runRule(actionItemFields, makeModel({ actionItems: [item('Two lines', 1, { range: rng(1, 2, 5, 2) })] }), 'x\n- [ ] Two\n  lines\n');
    assert.deepEqual(fs[0]!.range, rng(1, 2, 9));
  });
  it('accepts complete items and skips done ones', () => {
    assert.deepEqual(runRule(actionItemFields, makeModel({ actionItems: [item('ok', 30, { owner, due, type }), item('done', 31, { done: true })] })), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(actionItemFields, makeModel({ actionItems: [item('x', 30)] }));
  });
});
