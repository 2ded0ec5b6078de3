import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { actionItemTarget, incidentDate } from '../../../server/src/service/model/incidentDate';
import { targetDueDate } from '../../../server/src/service/edits';
import { actionItemDueTooLate } from '../../../server/src/service/rules/actionItemDueTooLate';
import { entry, item, loc, makeMetadata, makeModel, runRule, rng } from './modelFactory';

const dueOn = (d: string, line: number) => ({ ...loc(d, line, 30, 40, 'inline'), raw: d });

describe('incident date and action-item target: one computation for the rule, completion, hover and quick fixes', () => {
  it('a "Severity 2" incident dated only by its timeline: the rule and targetDueDate agree', () => {
    // Before: the rule normalised "Severity 2" to SEV2 but ignored the timeline's date (no finding), while
    // targetDueDate matched severities by another key ("SEVERITY2", no target) but did use the timeline.
    const md = makeMetadata({ severity: loc('Severity 2', 2, 10), date: undefined });
    const model = makeModel({ metadata: md, timeline: [entry('14:03', '2024-05-01T14:03:00Z', 20)], actionItems: [item('late', 30, { due: dueOn('2024-06-15', 30) })] });
    assert.equal(incidentDate(model), '2024-05-01');
    const target = targetDueDate(model, DEFAULT_SETTINGS.actionItemTargetDays);
    assert.deepEqual(target, { date: '2024-05-31', days: 30, severity: 'Severity 2' });
    const fs = runRule(actionItemDueTooLate, model);
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0]!.data, { id: 'id-30', targetDate: target!.date });
  });
  it('mitigation alone dates the incident for both', () => {
    const md = makeMetadata({ date: undefined, times: { mitigated: { raw: 'x', iso: '2024-04-02T10:00:00Z', range: rng(5, 0, 1), source: 'frontmatter' } } });
    const model = makeModel({ metadata: md, timeline: [], actionItems: [item('late', 30, { due: dueOn('2024-06-15', 30) })] });
    assert.equal(actionItemTarget(model, DEFAULT_SETTINGS.actionItemTargetDays)?.incident, '2024-04-02');
    assert.equal(targetDueDate(model, DEFAULT_SETTINGS.actionItemTargetDays)?.date, '2024-05-02');
    assert.deepEqual(runRule(actionItemDueTooLate, model)[0]!.data, { id: 'id-30', targetDate: '2024-05-02' });
  });
  it('the start time comes before the stated date; no date at all gives no target (today only for completion)', () => {
    const md = makeMetadata({ times: { started: { raw: 'x', iso: '2024-04-30T23:00:00Z', range: rng(5, 0, 1), source: 'frontmatter' } } });
    assert.equal(incidentDate(makeModel({ metadata: md })), '2024-04-30');
    const none = makeModel({ metadata: makeMetadata({ date: undefined }), timeline: [] });
    assert.equal(incidentDate(none), null);
    assert.equal(targetDueDate(none, DEFAULT_SETTINGS.actionItemTargetDays), null);
    assert.equal(targetDueDate(none, DEFAULT_SETTINGS.actionItemTargetDays, new Date('2024-05-10T00:00:00Z'))?.date, '2024-06-09');
  });
});
