import assert from 'node:assert/strict';
import { analyse, URI } from './analysisSupport';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { getCodeActions } from '../../../server/src/service/codeActions';

const build = analyse;
const apply = (text: string, edit: { changes?: Record<string, import('vscode-languageserver-types').TextEdit[]> } | undefined) =>
  TextDocument.applyEdits(TextDocument.create(URI, 'markdown', 1, text), edit?.changes?.[URI] ?? []);

const TEXT = '---\ntitle: Checkout errors\nseverity:\nstatus: draft\n---\n\n# Checkout errors\n';

describe('missing metadata: where it is reported and how it is fixed', () => {
  it('a blank `severity:` key is reported on the key, not on the `---` line', () => {
    const { fs } = build(TEXT);
    const f = fs.find((x) => x.code === 'missing-metadata')!;
    assert.ok(f);
    assert.deepEqual(f.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } });
  });

  it('offers one fix per allowed severity, none preferred; the result validates', () => {
    const { doc, model, fs } = build(TEXT);
    const f = fs.find((x) => x.code === 'missing-metadata')!;
    const actions = getCodeActions(doc, model, f.range, [f], ['quickfix'], DEFAULT_SETTINGS);
    assert.deepEqual(actions.map((a) => a.title), ['Add severity: SEV1', 'Add severity: SEV2', 'Add severity: SEV3', 'Add severity: SEV4', 'Add severity: SEV5']);
    assert.ok(actions.every((a) => !a.isPreferred));
    const fixed = apply(TEXT, actions[1]!.edit);
    assert.equal(fixed, TEXT.replace('severity:\n', 'severity: SEV2\n'));
    const after = build(fixed).fs.map((x) => x.code);
    assert.ok(!after.includes('missing-metadata') && !after.includes('invalid-value') && !after.includes('frontmatter-invalid'), after.join());
  });

  it('a missing status gets one fix per status; a free-text key still gets `key: TODO`', () => {
    const text = '---\ntitle: Checkout errors\nseverity: SEV2\n---\n\n# Checkout errors\n';
    const { doc, model, fs } = build(text);
    const f = fs.find((x) => x.code === 'missing-metadata')!;
    const actions = getCodeActions(doc, model, f.range, [f], ['quickfix'], DEFAULT_SETTINGS);
    assert.deepEqual(actions.map((a) => a.title), ['Add status: draft', 'Add status: in review', 'Add status: reviewed', 'Add status: published', 'Add status: final']);
    const ok = build(apply(text, actions[0]!.edit)).fs.map((x) => x.code);
    assert.ok(!ok.includes('missing-metadata') && !ok.includes('invalid-value'), ok.join());
    const free = getCodeActions(doc, model, f.range, [{ ...f, data: { key: 'owner' } }], ['quickfix'], DEFAULT_SETTINGS);
    assert.deepEqual(free.map((a) => [a.title, a.isPreferred]), [["Add 'owner' to the frontmatter", true]]);
  });
});
