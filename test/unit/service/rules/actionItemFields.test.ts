import assert from 'node:assert/strict';
import { actionItemFields } from '../../../../server/src/service/rules/actionItemFields';
import { actionItemMissingField } from '../../../../server/src/service/rules/actionItemMissingField';
import { checkSeverityOverride, item, loc, makeModel, makeSections, runRule, rng } from '../modelFactory';

const owner = loc('@alice', 30, 20, 26, 'inline');
const due = { ...loc('2024-05-20', 30, 30, 40, 'inline'), raw: '2024-05-20' };
const type = loc('detect', 30, 45, 51, 'inline');
const items = () => [item('Add alerting on pool saturation', 25), item('Write runbook', 26, { owner, due, type }), item('Load test', 27, { due })];

// Quiet by default (issue 11): one finding per action-item section for the fields the schema requires (the owner),
// each item marked by a hint; postmortem.strict brings back owner, due date and type on every item, as warnings.
describe('rule action-item-fields', () => {
  it('reports the items without an owner once, on the (first) action-item section, listing them for the fix', () => {
    const model = makeModel({ actionItems: items() });
    const fs = runRule(actionItemFields, model);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'warning');
    assert.deepEqual(fs[0]!.data, { items: [{ id: 'id-25', line: 25, missing: ['owner'] }, { id: 'id-27', line: 27, missing: ['owner'] }], fields: ['owner'] });
    assert.deepEqual(fs[0]!.range, model.sections.find((s) => s.kind === 'action_items')!.headingRange);
    assert.match(fs[0]!.message, /^2 of 3 open action items have no owner\./);
  });
  it('lists the items it stands for, each at its range with its text (LSP relatedInformation)', () => {
    const model = makeModel({ actionItems: items() });
    const [lacking25, , lacking27] = model.actionItems;
    assert.deepEqual(runRule(actionItemFields, model)[0]!.related, [
      { range: lacking25!.range, message: 'Add alerting on pool saturation' },
      { range: lacking27!.range, message: 'Load test' },
    ]);
  });
  it('with postmortem.strict, counts each missing field', () => {
    const fs = runRule(actionItemFields, makeModel({ actionItems: items() }), '', { strict: true });
    assert.deepEqual(fs[0]!.data, { items: [{ id: 'id-25', line: 25, missing: ['owner', 'due', 'type'] }, { id: 'id-27', line: 27, missing: ['owner', 'type'] }], fields: ['owner', 'due', 'type'] });
    assert.match(fs[0]!.message, /^2 of 3 open action items have no owner, 1 no due date, 2 no type\./);
  });
  it('reports items when there is no action-item section at the first of them', () => {
    const fs = runRule(actionItemFields, makeModel({ sections: makeSections(['summary']), actionItems: [item('Orphan', 30)] }));
    assert.deepEqual(fs[0]!.range, rng(30, 0, 40));
  });
  it('accepts complete items and skips done ones', () => {
    assert.deepEqual(runRule(actionItemFields, makeModel({ actionItems: [item('ok', 30, { owner }), item('done', 31, { done: true })] })), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(actionItemFields, makeModel({ actionItems: [item('x', 30)] }));
  });
});

describe('rule action-item-missing-field', () => {
  it('marks each item with what it lacks: a hint by default, a warning with postmortem.strict', () => {
    const quiet = runRule(actionItemMissingField, makeModel({ actionItems: items() }));
    assert.deepEqual(quiet.map((f) => [f.data, f.severity]), [[{ id: 'id-25', line: 25, missing: ['owner'] }, 'hint'], [{ id: 'id-27', line: 27, missing: ['owner'] }, 'hint']]);
    const strict = runRule(actionItemMissingField, makeModel({ actionItems: items() }), '', { strict: true });
    assert.deepEqual(strict.map((f) => [f.data, f.severity]), [[{ id: 'id-25', line: 25, missing: ['owner', 'due', 'type'] }, 'warning'], [{ id: 'id-27', line: 27, missing: ['owner', 'type'] }, 'warning']]);
    assert.match(strict[0]!.message, /^Action item 'Add alerting on pool saturation' has no owner, due date or type/);
  });
  it('clips a multi-line item to its first line', () => {
    const fs = runRule(actionItemMissingField, makeModel({ actionItems: [item('Two lines', 1, { range: rng(1, 2, 5, 2) })] }), 'x\n- [ ] Two\n  lines\n');
    assert.deepEqual(fs[0]!.range, rng(1, 2, 9));
  });
});
