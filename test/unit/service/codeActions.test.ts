import assert from 'node:assert/strict';
import type { Range } from '../../../common/model';
import { CodeActionKinds } from '../../../common/protocol';
import { getCodeActions, kindRequested, metadataKeyEdit } from '../../../server/src/service/codeActions';
import { apply, applyWorkspaceEdit, modelOf, realModelOf, settings } from './editingFixtures';

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const ALL = r(0, 0, 0, 0);
type Diag = { code?: string; data?: unknown; range: Range; message: string };

function actions(text: string, diagnostics: Diag[], only?: string[]) {
  const { doc, model } = modelOf(text);
  return getCodeActions(doc, model, ALL, diagnostics, only, settings);
}

describe('code actions: quick fixes', () => {
  it('inserts a missing section (preferred), listing the diagnostic', () => {
    const text = '# X\n\n## Summary\n\nIt broke.\n';
    const diag = { code: 'missing-section', data: { kind: 'impact' }, range: r(0, 0, 0, 3), message: 'whatever the wording' };
    const [a] = actions(text, [diag]);
    assert.equal(a!.title, "Insert section 'Impact'");
    assert.equal(a!.kind, 'quickfix');
    assert.equal(a!.isPreferred, true);
    assert.deepEqual(a!.diagnostics, [diag]);
    assert.equal(applyWorkspaceEdit(text, a!.edit), text + '\n## Impact\n\n- Duration: TODO\n- Customers affected: TODO\n- Customers reporting: TODO\n- Business metric: TODO\n');
  });

  it('dispatches on the code, never the message', () => {
    assert.deepEqual(actions('# X\n', [{ message: 'Missing section: Impact', range: ALL }]), []);
  });

  it('adds a missing key before the closing fence, or creates the frontmatter', () => {
    const withFm = '---\nseverity: SEV2\n---\n# X\n';
    const [a] = actions(withFm, [{ code: 'missing-metadata', data: { key: 'status' }, range: r(0, 0, 0, 3), message: '' }]);
    assert.equal(applyWorkspaceEdit(withFm, a!.edit), '---\nseverity: SEV2\nstatus: TODO\n---\n# X\n');
    const bare = '# X\n\nText.\n';
    const { doc, model } = modelOf(bare);
    assert.equal(apply(bare, [metadataKeyEdit(doc, model, 'severity')]), '---\nseverity: TODO\n---\n# X\n\nText.\n');
  });

  it('offers one action per allowed value', () => {
    const text = '---\nseverity: critical\n---\n';
    const diag = { code: 'invalid-value', data: { key: 'severity', allowed: ['SEV1', 'SEV2', 'SEV3'] }, range: r(1, 10, 1, 18), message: '' };
    const list = actions(text, [diag]);
    assert.deepEqual(list.map(a => a.title), ["Change to 'SEV1'", "Change to 'SEV2'", "Change to 'SEV3'"]);
    assert.equal(applyWorkspaceEdit(text, list[1]!.edit), '---\nseverity: SEV2\n---\n');
  });

  it('sorts the timeline', () => {
    const text = '## Timeline\n\n- 14:10 Rolled back\n- 14:03 Alert fired\n';
    const [a] = actions(text, [{ code: 'timeline-order', data: {}, range: r(3, 0, 3, 5), message: '' }]);
    assert.equal(applyWorkspaceEdit(text, a!.edit), '## Timeline\n\n- 14:03 Alert fired\n- 14:10 Rolled back\n');
  });

  it('rewrites a nonstandard timestamp', () => {
    const text = '## Timeline\n\n- 14:03 Alert fired\n- 2:10 PM Rolled back\n';
    const [a] = actions(text, [{ code: 'timestamp-nonstandard', data: { index: 1, normalized: '14:10' }, range: r(3, 2, 3, 9), message: '' }]);
    assert.equal(applyWorkspaceEdit(text, a!.edit), '## Timeline\n\n- 14:03 Alert fired\n- 14:10 Rolled back\n');
  });

  it('adds missing action item fields with placeholders and the target date', () => {
    const text = '---\nseverity: SEV1\ndate: 2024-05-01\n---\n## Action items\n\n- [ ] Add alerting (type: detect)\n';
    const { doc, model } = realModelOf(text);
    const id = model.actionItems[0]!.id;
    const [a] = getCodeActions(doc, model, ALL, [{ code: 'action-item-missing-field', data: { id, missing: ['owner', 'due'] }, range: r(6, 0, 6, 10), message: '' }], undefined, settings);
    assert.equal(applyWorkspaceEdit(text, a!.edit), '---\nseverity: SEV1\ndate: 2024-05-01\n---\n## Action items\n\n- [ ] Add alerting (type: detect, owner: @TODO, due: 2024-05-16)\n');
  });

  it('moves a due date to the target', () => {
    const text = '## Action items\n\n- [ ] Add alerting (owner: @a, due: 2024-09-01, type: detect)\n';
    const { doc, model } = realModelOf(text);
    const [a] = getCodeActions(doc, model, ALL, [{ code: 'action-item-due-too-late', data: { id: model.actionItems[0]!.id, targetDate: '2024-05-31' }, range: model.actionItems[0]!.due!.range, message: '' }], undefined, settings);
    assert.equal(a!.title, 'Set the due date to 2024-05-31');
    assert.equal(applyWorkspaceEdit(text, a!.edit), '## Action items\n\n- [ ] Add alerting (owner: @a, due: 2024-05-31, type: detect)\n');
  });
});

describe('code actions: source actions', () => {
  const text = '## Summary\n\nIt broke.\n\n## Timeline\n\n- 14:10 Rolled back\n- 2:03 PM Alert fired\n- 14:20 Resolved\n';
  const diags: Diag[] = [
    { code: 'timeline-order', data: {}, range: r(7, 0, 7, 5), message: '' },
    { code: 'timestamp-nonstandard', data: { index: 1, normalized: '14:03' }, range: r(7, 2, 7, 9), message: '' },
    { code: 'missing-section', data: { kind: 'impact' }, range: r(0, 0, 0, 3), message: '' },
    { code: 'missing-section', data: { kind: 'action_items' }, range: r(0, 0, 0, 3), message: '' },
    { code: 'invalid-value', data: { key: 'severity', allowed: ['SEV1'] }, range: r(0, 0, 0, 3), message: '' },
  ];

  it('honours `only`, including prefixes', () => {
    assert.equal(kindRequested(undefined, CodeActionKinds.fixAll), true);
    assert.equal(kindRequested(['source'], CodeActionKinds.fixAll), true);
    assert.equal(kindRequested(['source.fixAll'], CodeActionKinds.fixAll), true);
    assert.equal(kindRequested(['source.fixAll'], CodeActionKinds.sortTimeline), false);
    assert.equal(kindRequested(['quickfix'], CodeActionKinds.sortTimeline), false);
    assert.deepEqual(actions(text, diags, ['source.fixAll']).map(a => a.kind), [CodeActionKinds.fixAll]);
    assert.deepEqual(actions(text, diags, ['source']).map(a => a.kind), [CodeActionKinds.sortTimeline, CodeActionKinds.fixAll]);
    assert.ok(actions(text, diags, ['quickfix']).every(a => a.kind === 'quickfix'));
  });

  it('sorts the timeline as a source action', () => {
    const [a] = actions(text, [], [CodeActionKinds.sortTimeline]);
    assert.equal(applyWorkspaceEdit(text, a!.edit), '## Summary\n\nIt broke.\n\n## Timeline\n\n- 2:03 PM Alert fired\n- 14:10 Rolled back\n- 14:20 Resolved\n');
  });

  it('fixes everything that needs no choice in one edit', () => {
    const [a] = actions(text, diags, [CodeActionKinds.fixAll]);
    assert.equal(a!.diagnostics!.length, 4);
    assert.equal(applyWorkspaceEdit(text, a!.edit),
      '## Summary\n\nIt broke.\n\n## Impact\n\n- Duration: TODO\n- Customers affected: TODO\n- Customers reporting: TODO\n- Business metric: TODO\n\n' +
      '## Timeline\n\n- 14:03 Alert fired\n- 14:10 Rolled back\n- 14:20 Resolved\n\n' +
      '## Action items\n\n- [ ] TODO: what will be done (owner: @TODO, due: YYYY-MM-DD, type: prevent)\n');
  });

  it('offers no source action when there is nothing to do', () => {
    assert.deepEqual(actions('## Timeline\n\n- 14:03 A\n- 14:10 B\n', [], ['source']), []);
  });
});
