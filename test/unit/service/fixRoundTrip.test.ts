/**
 * Every quick fix, applied to a document and read back through the real parser and model: the finding it fixes is
 * gone and nothing else changed (the other findings, and the sections, timeline and action items the fix did not
 * touch, are as before).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import type { PostmortemModel } from '../../../common/model';
import { DEFAULT_SETTINGS, type PostmortemSettings } from '../../../common/settings';
import { getCodeActions } from '../../../server/src/service/codeActions';
import type { Code } from '../../../server/src/service/codes';
import type { Finding } from '../../../server/src/service/types';
import { pipeline } from './realWorldHelpers';

const BASE = {
  frontmatter: 'title: Checkout errors\nseverity: SEV2\nstatus: draft\ndate: 2024-05-01',
  summary: 'Checkout failed for 40 minutes.',
  impact: '- 1,200 customers (8%) could not pay for 40 minutes; about $12,000 in orders lost.',
  timeline: '- 2024-05-01 14:00 UTC Deploy of v2.3 starts\n- 2024-05-01 14:03 UTC Error rate climbs\n- 2024-05-01 14:40 UTC Rolled back, resolved',
  factors: '- The deploy had no canary.\n- The alert threshold was too high.',
  actions: '- [ ] Add a canary stage (owner: @bob, due: 2024-05-20, type: prevent)',
};

function doc(parts: Partial<typeof BASE> = {}, omit: (keyof typeof BASE)[] = []): string {
  const p = { ...BASE, ...parts };
  const section = (title: string, key: keyof typeof BASE) => (omit.includes(key) ? '' : `## ${title}\n\n${p[key]}\n\n`);
  return `---\n${p.frontmatter}\n---\n# Checkout errors\n\n${section('Summary', 'summary')}${section('Impact', 'impact')}${section('Timeline', 'timeline')}` +
    `${section('Contributing factors', 'factors')}${section('Action items', 'actions')}`;
}

const applyEdits = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
const summary = (fs: Finding[], except: Code[]) => fs.filter((f) => !except.includes(f.code)).map((f) => `${f.code}: ${f.message}`).sort();
const shape = (m: PostmortemModel) => ({
  sections: m.sections.map((s) => `${s.kind} ${s.title}`).sort(),
  timeline: m.timeline.map((e) => `${e.iso} ${e.text}`).sort(),
  items: m.actionItems.map((i) => i.text).sort(),
});

/** Applies the fix titled `title` (or the preferred one) for the first finding with `code`; returns what it read back. */
function fixAndReread(text: string, code: Code, settings: PostmortemSettings = DEFAULT_SETTINGS, title?: RegExp) {
  const before = pipeline(text, settings);
  const finding = before.findings.find((f) => f.code === code);
  assert.ok(finding, `${code} is reported on the fixture: ${before.findings.map((f) => f.code).join(', ')}`);
  const actions = getCodeActions(before.doc, before.model, finding.range, [finding], ['quickfix'], settings);
  const action = actions.find((a) => (title ? title.test(a.title) : a.isPreferred)) ?? actions[0];
  assert.ok(action?.edit?.changes, `a fix for ${code}: ${actions.map((a) => a.title).join(', ')}`);
  const fixed = applyEdits(text, Object.values(action.edit.changes)[0]!);
  return { before, after: pipeline(fixed, settings), fixed, title: action.title };
}

describe('quick fixes, read back through the model', () => {
  it('missing-section: inserts every missing section; nothing else changes', () => {
    const { before, after, title } = fixAndReread(doc({}, ['impact', 'factors']), 'missing-section');
    assert.equal(title, 'Insert the 2 missing sections');
    assert.deepEqual(after.findings.filter((f) => f.code === 'missing-section'), []);
    assert.deepEqual(after.model.timeline.map((e) => e.text), before.model.timeline.map((e) => e.text));
    assert.deepEqual(after.model.actionItems.map((i) => i.text), before.model.actionItems.map((i) => i.text));
    assert.deepEqual(after.model.sections.map((s) => s.kind).filter((k) => k === 'impact' || k === 'contributing_factors').sort(), ['contributing_factors', 'impact']);
  });

  it('missing-metadata: adds the key; nothing else changes', () => {
    const { before, after } = fixAndReread(doc({ frontmatter: 'title: Checkout errors\nseverity: SEV2\ndate: 2024-05-01' }), 'missing-metadata', DEFAULT_SETTINGS, /^Add status: draft$/);
    assert.equal(after.model.metadata.status?.value, 'draft');
    assert.deepEqual(summary(after.findings, []), summary(before.findings, ['missing-metadata']));
    assert.deepEqual(shape(after.model), shape(before.model));
  });

  it('invalid-value: replaces the value with an allowed one; nothing else changes', () => {
    const { before, after } = fixAndReread(doc({ frontmatter: 'title: Checkout errors\nseverity: Purple\nstatus: draft\ndate: 2024-05-01' }), 'invalid-value', DEFAULT_SETTINGS, /'SEV2'/);
    assert.equal(after.model.metadata.severity?.value, 'SEV2');
    assert.deepEqual(summary(after.findings, []), summary(before.findings, ['invalid-value']));
    assert.deepEqual(shape(after.model), shape(before.model));
  });

  it('timeline-order: sorts the entries; the same entries, in order', () => {
    const timeline = '- 2024-05-01 14:03 UTC Error rate climbs\n- 2024-05-01 14:00 UTC Deploy of v2.3 starts\n- 2024-05-01 14:40 UTC Rolled back, resolved';
    const { before, after } = fixAndReread(doc({ timeline }), 'timeline-order');
    assert.deepEqual(after.findings.filter((f) => f.code === 'timeline-order'), []);
    assert.deepEqual(shape(after.model), shape(before.model));
    assert.deepEqual(after.model.timeline.map((e) => e.iso), [...before.model.timeline.map((e) => e.iso)].sort());
  });

  it('timestamp-nonstandard: rewrites the time in the dominant form, at the same instant', () => {
    const timeline = '- 14:00 Deploy of v2.3 starts\n- 14:03 Error rate climbs\n- 2:20 PM Paged\n- 14:40 Rolled back, resolved';
    const { before, after } = fixAndReread(doc({ timeline }), 'timestamp-nonstandard');
    assert.deepEqual(after.findings.filter((f) => f.code === 'timestamp-nonstandard'), []);
    assert.deepEqual(after.model.timeline.map((e) => e.iso), before.model.timeline.map((e) => e.iso));
    assert.equal(after.model.timeline[2]!.rawTime, '14:20');
  });

  it('action-item-fields: gives every item an owner (list items, a field group with parentheses, table rows)', () => {
    const actions = '- [ ] Add a canary stage\n- [ ] Page on checkout errors (due: 2024-05-20, ticket: see(6))\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| Raise pool size |  | 2024-05-20 |\n| Load test | @al | 2024-05-21 |';
    const { before, after, fixed } = fixAndReread(doc({ actions }), 'action-item-fields');
    assert.deepEqual(after.findings.filter((f) => f.code === 'action-item-fields' || f.code === 'action-item-missing-field'), []);
    assert.ok(fixed.includes('(due: 2024-05-20, ticket: see(6), owner: @TODO)'), fixed);
    assert.ok(fixed.includes('| Raise pool size | @TODO | 2024-05-20 |'), fixed);
    assert.deepEqual(after.model.actionItems.map((i) => [i.text, i.owner?.value, i.due?.value, i.ticket?.value]),
      before.model.actionItems.map((i) => [i.text, i.owner?.value ?? '@TODO', i.due?.value, i.ticket?.value]));
    // The owners are `@TODO`: each is a placeholder left for the author to fill, and reported as one.
    assert.deepEqual(summary(after.findings, ['placeholder']), summary(before.findings, ['action-item-fields', 'action-item-missing-field']));
    assert.equal(after.findings.filter((f) => f.code === 'placeholder').length, 3);
  });

  it('action-item-missing-field (strict): adds owner, due and type to one item, into its group', () => {
    const strict = { ...DEFAULT_SETTINGS, strict: true };
    const actions = '- [ ] Alert on checkout errors (owner: @a, ticket: see(6))';
    const { before, after, fixed } = fixAndReread(doc({ actions }), 'action-item-missing-field', strict);
    assert.deepEqual(after.findings.filter((f) => f.code === 'action-item-missing-field'), []);
    assert.match(fixed, /\(owner: @a, ticket: see\(6\), due: 2024-05-31, type: detect\)/);
    assert.deepEqual(after.model.actionItems.map((i) => [i.text, i.owner?.value, i.ticket?.value]), before.model.actionItems.map((i) => [i.text, i.owner?.value, i.ticket?.value]));
  });

  it('action-item-due-too-late: moves the due date to the target', () => {
    const actions = '- [ ] Add a canary stage (owner: @bob, due: 2024-09-20, type: prevent)';
    const { before, after } = fixAndReread(doc({ actions }), 'action-item-due-too-late');
    assert.equal(after.model.actionItems[0]!.due?.value, '2024-05-31');
    assert.deepEqual(summary(after.findings, []), summary(before.findings, ['action-item-due-too-late']));
    assert.deepEqual(shape(after.model), shape(before.model));
  });
});
