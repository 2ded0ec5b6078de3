/**
 * No stale edits (issue 10), inside VS Code: a code action computed for one version of the document is refused
 * once the document changed, and a command that computes its edit across an `await` recomputes it for the new
 * version (or says the document kept changing). Uses the client's own helpers (client/src/commands/shared.ts).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../common/model';
import { CodeActionKinds } from '../../common/protocol';
import { applyCodeActionAt, applyToCurrentVersion, documentCodeActions } from '../../client/src/commands/shared';
import { activeExtension, closeAll, edit, openDoc, waitFor } from './harness-vscode';

const WEBHOOKS = ['postmortems', 'client-webhooks.md'];

const rowTimes = (doc: vscode.TextDocument): string[] =>
  doc.getText().split('\n').map((l) => /^\| (\d{2}:\d{2}) \|/.exec(l)?.[1]).filter((t): t is string => !!t);

async function openWebhooks(): Promise<vscode.TextDocument> {
  const ext = await activeExtension();
  const api = ext.exports as { ready: Promise<void>; getModel(uri: vscode.Uri): Promise<PostmortemModel | null> };
  await api.ready;
  const { doc } = await openDoc(...WEBHOOKS);
  await waitFor(async () => {
    const m = await api.getModel(doc.uri);
    return m && m.version === doc.version && m.timeline.length >= 6 ? m : null;
  }, 'the model of client-webhooks.md');
  return doc;
}

const sortAction = async (doc: vscode.TextDocument) => (await documentCodeActions(doc, CodeActionKinds.sortTimeline)).find((a) => !(a as vscode.CodeAction).disabled);

suite('No stale edits', () => {
  teardown(() => closeAll());

  test('a code action applied after the document changed is refused by the version check', async () => {
    const doc = await openWebhooks();
    const unsorted = ['08:02', '08:10', '08:31', '08:19', '09:02', '09:34'];
    assert.deepEqual(rowTimes(doc), unsorted);
    const version = doc.version;
    const sort = await sortAction(doc);
    assert.ok(sort, 'the server offers to sort the timeline');
    // The user types while the action is on its way.
    await edit(doc, new vscode.Position(doc.lineCount, 0), '\nTyped meanwhile.\n');
    assert.notEqual(doc.version, version);
    assert.equal(await applyCodeActionAt(doc, version, sort), false, 'refused');
    assert.deepEqual(rowTimes(doc), unsorted, 'the stale sort was not applied');
    assert.ok(doc.getText().endsWith('Typed meanwhile.\n'), 'what the user typed is kept');
  });

  test('a command recomputes its edit when the document changed during the await, and keeps what was typed', async () => {
    const doc = await openWebhooks();
    let calls = 0;
    const outcome = await applyToCurrentVersion(doc, async () => {
      const action = await sortAction(doc);
      // The first time, the user types between the request and the answer.
      if (++calls === 1) await edit(doc, new vscode.Position(doc.lineCount, 0), '\nTyped during the request.\n');
      return action;
    }, (action) => applyCodeActionAt(doc, doc.version, action));
    assert.equal(outcome, 'applied');
    assert.equal(calls, 2, 'computed again for the new version');
    assert.deepEqual(rowTimes(doc), ['08:02', '08:10', '08:19', '08:31', '09:02', '09:34']);
    assert.ok(doc.getText().includes('Typed during the request.'));
  });

  test('a command whose document keeps changing applies nothing and says so', async () => {
    const doc = await openWebhooks();
    let applied = 0;
    const outcome = await applyToCurrentVersion(doc, async () => {
      const action = await sortAction(doc);
      await edit(doc, new vscode.Position(doc.lineCount, 0), 'x');
      return action;
    }, async () => {
      applied++;
      return true;
    });
    assert.equal(outcome, 'changed');
    assert.equal(applied, 0);
  });
});
