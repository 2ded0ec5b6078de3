import assert from 'node:assert/strict';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readActionItems } from '../../../server/src/service/model/actionItems';
import { actionItemFieldsEdits } from '../../../server/src/service/codeActions';
import type { ActionItem } from '../../../common/model';
import { parsedDocument } from '../../corpus/helpers';
import { readSections } from '../../../server/src/service/model/sections';

function read(md: string) {
  const text = `## Action items\n\n${md}\n`;
  const doc = parsedDocument(text);
  return { doc, text, items: readActionItems(doc, readSections(doc)) };
}
const slice = (text: string, r: ActionItem['range']) => text.split('\n')[r.start.line]!.slice(r.start.character, r.end.character);

describe('action items: hand-written field forms', () => {
  it('reads labelled fields separated by dashes, labels in any case, an owner without @', () => {
    const { items, text } = read('1. Rotate credentials - Owner: Bob Jones - Due: 2024-04-01 - Type: prevent');
    const a = items[0]!;
    assert.equal(a.text, 'Rotate credentials');
    assert.equal(a.owner?.value, 'Bob Jones');
    assert.equal(slice(text, a.owner!.range), 'Bob Jones');
    assert.equal(slice(text, a.owner!.keyRange!), 'Owner');
    assert.equal(a.due?.value, '2024-04-01');
    assert.equal(slice(text, a.due!.range), '2024-04-01');
    assert.equal(a.type?.value, 'prevent');
  });

  it('reads a field group that is not at the end of the line, and the ticket after it, leaving no residue', () => {
    const { items, text } = read('- [ ] Add canary checks (owner: @bob, due: 2024-06-30, priority: P1, type: prevent) JIRA-12');
    const a = items[0]!;
    assert.equal(a.text, 'Add canary checks');
    assert.deepEqual([a.owner?.value, a.due?.value, a.priority?.value, a.type?.value, a.ticket?.value], ['@bob', '2024-06-30', 'P1', 'prevent', 'JIRA-12']);
    assert.equal(slice(text, a.ticket!.range), 'JIRA-12');
    assert.equal(slice(text, a.due!.range), '2024-06-30');
  });

  it('reads semicolon-separated and bold labels', () => {
    const a = read('- Fix the retry loop; owner: alice; due: 2024-05-02').items[0]!;
    assert.deepEqual([a.text, a.owner?.value, a.due?.value], ['Fix the retry loop', 'alice', '2024-05-02']);
    const b = read('- **Owner:** Carol — rotate keys').items[0]!;
    assert.deepEqual([b.text, b.owner?.value], ['rotate keys', 'Carol']);
  });

  it('the action-item-fields fix merges into a group in the middle of the line, never appends a second one', () => {
    const { doc, text, items } = read('- [ ] Add canary checks (owner: @bob, priority: P1) JIRA-12');
    const edits = actionItemFieldsEdits(doc, items[0]!, { due: '2024-05-31', type: 'prevent' });
    const out = TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
    assert.equal(out.split('\n')[2], '- [ ] Add canary checks (owner: @bob, priority: P1, due: 2024-05-31, type: prevent) JIRA-12');
    const again = read(out.split('\n')[2]!).items[0]!;
    assert.deepEqual([again.text, again.due?.value, again.type?.value, again.ticket?.value], ['Add canary checks', '2024-05-31', 'prevent', 'JIRA-12']);
  });
});

describe('action items: a field value with its own parentheses', () => {
  it('keeps `ticket: see(6)` inside the field group and leaves no residue in the text', () => {
    const text = '# T\n\n## Action items\n\n- [ ] Sanitize inputs (owner: @sam, due: 2024-07-20, type: prevent, ticket: see(6))\n';
    const model = buildModel(new DocumentParser().parse('file:///ai.md', 1, text), DEFAULT_SETTINGS, true);
    const item = model.actionItems[0]!;
    assert.equal(item.text, 'Sanitize inputs');
    assert.equal(item.ticket?.value, 'see(6)');
    assert.equal(item.owner?.value, '@sam');
  });
});

describe('ranges: a YAML error in a CRLF frontmatter stays within its line', () => {
  it('clamps a range that YAML puts on the line ending', () => {
    const text = '---\r\ntitle: "x\r\ntitle: "x\r\n---\r\n';
    const model = buildModel(new DocumentParser().parse('file:///crlf.md', 1, text), DEFAULT_SETTINGS, true);
    const err = model.metadata.frontmatter?.error;
    assert.ok(err, 'the broken YAML is reported');
    const lineLength = text.split('\r\n')[err!.range.end.line]!.length;
    assert.ok(err!.range.end.character <= lineLength, JSON.stringify(err!.range));
  });
});
