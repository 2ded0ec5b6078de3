/**
 * Action items as the SRE book, wiki exports and chat-first teams write them (own short fixtures).
 */
import assert from 'node:assert/strict';
import { codes, pipeline } from './realWorldHelpers';

describe('real-world action items', function () {
  it('SRE-book table: the state after the bug number is the state, not the ticket, and no placeholder', function () {
    const { model, findings } = pipeline(`# X

## Action Items

| Action Item | Type | Owner | Bug |
|---|---|---|---|
| Update the playbook | mitigate | ana | n/a DONE |
| Balance load between clusters | prevent | bo | Bug 4711 TODO |
| Add a dashboard | detect | cy | TODO |
`);
    assert.deepEqual(model.actionItems.map((a) => [a.text, a.done, a.ticket?.value]), [
      ['Update the playbook', true, undefined],
      ['Balance load between clusters', false, 'Bug 4711'],
      ['Add a dashboard', false, undefined],
    ]);
    const ph = findings.filter((f) => f.code === 'placeholder');
    // Only the cell that is nothing but TODO is a blank left to fill.
    assert.deepEqual(ph.map((f) => f.range.start.line), [8]);
  });

  it('task list with a trailing @owner, "by" date and JIRA key: the text is the task alone', function () {
    const { model } = pipeline(`# X\n\n## Action items\n\n- [x] Revert the policy @jack by 2024-05-21 JIRA-123\n- [ ] Ask @bob to review the runbook by 2024-06-01\n`);
    const [a, b] = model.actionItems;
    assert.deepEqual([a!.text, a!.owner?.value, a!.due?.value, a!.ticket?.value, a!.done], ['Revert the policy', '@jack', '2024-05-21', 'JIRA-123', true]);
    assert.deepEqual([b!.text, b!.owner?.value, b!.done], ['Ask @bob to review the runbook', '@bob', false]);
  });

  it('wiki export: "— **Owner:** … — **Ticket:** SEC-1" leaves no label behind in the text', function () {
    const { model, findings } = pipeline(`# X\n\n## Corrective Actions\n\n1. Check the chain — **Owner:** Rahul Mehta — **Due:** 2024-03-01 — **Ticket:** SEC-412\n`);
    const [a] = model.actionItems;
    assert.deepEqual([a!.text, a!.owner?.value, a!.due?.value, a!.ticket?.value], ['Check the chain', 'Rahul Mehta', '2024-03-01', 'SEC-412']);
    assert.ok(!codes(findings).includes('placeholder'));
  });

  it('"Blameless corrective actions" (Atlassian) is the action-items section', function () {
    const { model, findings } = pipeline(`# X\n\n## Blameless corrective actions\n\n| Action | Owner | Due |\n|---|---|---|\n| Provision Redis in all regions | @lee | 2024-03-22 |\n`);
    assert.equal(model.sections[1]!.kind, 'action_items');
    assert.equal(model.actionItems.length, 1);
    assert.ok(!findings.some((f) => f.code === 'missing-section' && f.data?.kind === 'action_items'));
  });
});
