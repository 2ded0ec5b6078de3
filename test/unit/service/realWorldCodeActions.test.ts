/**
 * Quick fixes on action items written by other teams (own short fixtures).
 */
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { getCodeActions, guessType } from '../../../server/src/service/codeActions';
import { pipeline } from './realWorldHelpers';

describe('real-world quick fixes', function () {
  it('"add type" proposes the type the item\'s words suggest', function () {
    const text = `---\ntitle: X\nseverity: SEV3\nstatus: draft\n---\n# X\n\n## Action items\n\n- [ ] Alert on webhook failure rate above 1% (owner: @dana, due: 2024-07-10)\n`;
    // postmortem.strict: the type is required on every item (by default only the owner is).
    const { doc, model, findings } = pipeline(text, { ...DEFAULT_SETTINGS, strict: true });
    const d = findings.find((f) => f.code === 'action-item-missing-field')!;
    assert.ok(d, 'the item has no type');
    const acts = getCodeActions(doc, model, d.range, [{ ...d, severity: 2 }] as never, undefined, DEFAULT_SETTINGS);
    const edits = Object.values(acts[0]!.edit!.changes!)[0]!;
    assert.deepEqual(edits.map((e) => e.newText), [', type: detect']);
  });

  it('guessType', function () {
    assert.equal(guessType('Update the playbook for cascading failure'), 'process');
    assert.equal(guessType('Make editor bootstrap tolerate cursor-service timeouts'), 'mitigate');
    assert.equal(guessType('Provision Redis via Terraform in all regions'), 'prevent');
    assert.equal(guessType('Add a dashboard for queue depth'), 'detect');
  });
});
