/**
 * Two action items written with the same words share an id; "Add owners" must still fill each one once, never
 * send two edits of the same text in one WorkspaceEdit (invalid for LSP and VS Code). Found by the fuzzer.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { createPostmortemService, type DocumentScope } from '../../../server/src/service/index';

const uri = 'file:///ws/postmortems/same.md';
const scope: DocumentScope = { settings: DEFAULT_SETTINGS, workspaceFolders: ['file:///ws'] };

function spansOverlap(doc: TextDocument, edits: TextEdit[]): boolean {
  const spans = edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return spans.some((s, i) => i > 0 && spans[i - 1]![1] > s[0]);
}

describe('fixes for action items that share their words', () => {
  for (const [shape, items] of [
    ['table rows', ['| Action | Owner |', '| --- | --- |', '| Add retries |  |', '| Alert on errors |  |', '| Add retries |  |']],
    ['list items', ['- [ ] Add retries', '- [ ] Alert on errors', '- [ ] Add retries']],
  ] as const) {
    it(`fills each of two identical ${shape} once, without overlapping edits`, () => {
      const text = ['---', 'title: T', '---', '', '# T', '', '## Action items', '', ...items, ''].join('\n');
      const service = createPostmortemService({ logger: { info() {}, warn() {}, error(m) { assert.fail(m); } } });
      const doc = TextDocument.create(uri, 'markdown', 1, text);
      const ids = service.getModel(doc, scope)!.actionItems.map((a) => a.id);
      assert.equal(new Set(ids).size, 2, `two of the three items share an id: ${ids.join(', ')}`);
      const diagnostics = service.getFindings(doc, scope).map((f) => ({ code: f.code, message: f.message, range: f.range, data: f.data }));
      const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount - 1, character: 0 } };
      const addAll = service.getCodeActions(doc, whole, diagnostics, undefined, scope).find((a) => a.title === 'Add owners to all 3 action items');
      assert.ok(addAll, 'the fix for all items is offered');
      const edits = addAll.edit!.changes![uri]!;
      assert.equal(spansOverlap(doc, edits), false, JSON.stringify(edits));
      const fixed = TextDocument.applyEdits(doc, edits);
      assert.equal(fixed.split('@TODO').length - 1, 3, fixed);
      // Each item's own quick fix edits its own line.
      const lines = service.getCodeActions(doc, whole, diagnostics.filter((d) => d.code === 'action-item-missing-field'), undefined, scope)
        .map((a) => a.edit!.changes![uri]![0]!.range.start.line);
      assert.equal(new Set(lines).size, 3, JSON.stringify(lines));
    });
  }
});
