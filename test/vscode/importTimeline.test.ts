/**
 * "Postmortem: Import Timeline…" inside VS Code: the picks come in as the command's arguments, everything else is the
 * real path (reading the .zip, the server's model, the merge, one WorkspaceEdit). Then Undo takes it all back.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../common/model';
import { Commands } from '../../common/protocol';
import { activeExtension, closeAll, openDoc, waitFor } from './harness-vscode';

interface Api {
  ready: Promise<void>;
  getModel(uri: vscode.Uri): Promise<PostmortemModel | null>;
}

/** The repository's own fixtures (the extension runs from the repository; the bundle is out/test/vscode). */
const ZIP = path.resolve(__dirname, '../../../test/fixtures/import/slack-export.zip');
const TEAMS = path.resolve(__dirname, '../../../test/fixtures/import/teams/messages-page-1.json');

type Result = { added: number; present: number; participants: string[]; applied: boolean } | undefined;

suite('Import Timeline (in VS Code)', function () {
  this.timeout(90_000);
  const messages: string[] = [];
  let original: typeof vscode.window.showInformationMessage;

  suiteSetup(() => {
    original = vscode.window.showInformationMessage;
    (vscode.window as any).showInformationMessage = (m: string) => {
      messages.push(m);
      return Promise.resolve(undefined);
    };
  });
  suiteTeardown(async () => {
    (vscode.window as any).showInformationMessage = original;
    await closeAll();
  });

  test('imports the suggested Slack messages into the table, adds nothing the second time, and undoes in one step', async () => {
    assert.ok(fs.existsSync(ZIP), `fixture missing: ${ZIP}`);
    const api = (await activeExtension()).exports as Api;
    await api.ready;
    const { doc, editor } = await openDoc('postmortems', 'import-target.md');
    const before = doc.getText();
    await waitFor(async () => (await api.getModel(doc.uri))?.timeline.length === 2, 'the server model of import-target.md');

    const args = { uri: doc.uri.toString(), source: 'slack', path: ZIP, channel: 'inc-checkout-pool', select: 'suggested', participants: true };
    const result = await vscode.commands.executeCommand<Result>(Commands.importTimeline, args);
    assert.ok(result?.applied, `not applied: ${JSON.stringify(result)} ${messages.join(' | ')}`);
    assert.equal(result.added, 7);
    assert.deepEqual(result.participants, ['Bob Okafor', 'Dave | Ops <SRE>']);
    const text = doc.getText();
    assert.match(text, /\| 23:43 \| \*\*Alice Chen\*\*: @here paging @Bob Okafor/);
    assert.match(text, /\| 2024-03-10 00:03 \| \*\*Alice Chen\*\*: rollback done/);
    assert.match(text, /\| 03:30 \| \*\*Alice Chen\*\*: resolved: pool metrics normal/);
    assert.match(text, /participants:\n {2}- Alice Chen\n {2}- Bob Okafor\n {2}- "Dave \| Ops <SRE>"\n/);
    assert.ok(doc.isDirty, 'an edit in the editor, not a write to disk');

    const model = await waitFor(async () => {
      const m = await api.getModel(doc.uri);
      return m && m.version === doc.version ? m : null;
    }, 'the model of the imported document');
    assert.equal(model.timeline.length, 9);
    const isos = model.timeline.map((e) => e.iso!);
    assert.deepEqual(isos, [...isos].sort(), 'in time order');
    assert.ok(isos.includes('2024-03-10T10:30:00Z'), '03:30 read as PDT, after the change');

    const again = await vscode.commands.executeCommand<Result>(Commands.importTimeline, args);
    assert.equal(again?.applied, false);
    assert.equal(again?.added, 0);
    assert.equal(doc.getText(), text);

    await vscode.window.showTextDocument(doc, editor.viewColumn);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === before, 'one Undo to restore the document');
  });

  test('Teams pages (HTML through turndown in the extension host): replies in their parent row, then Undo', async () => {
    const api = (await activeExtension()).exports as Api;
    const { doc, editor } = await openDoc('postmortems', 'import-target.md');
    const before = doc.getText();
    await waitFor(async () => (await api.getModel(doc.uri))?.version === doc.version, 'the model of the current version');
    const result = await vscode.commands.executeCommand<Result>(Commands.importTimeline, { uri: doc.uri.toString(), source: 'teams', path: TEAMS, select: 'all', participants: false });
    assert.ok(result?.applied, JSON.stringify(result));
    assert.equal(result.added, 5);
    const text = doc.getText();
    assert.match(text, /\| 23:43 \| \*\*Alice Chen\*\*: \*\*Checkout errors\*\* @Bob Okafor paging you: .* ↳ 23:47 \*\*Bob Okafor\*\*: pool max is 5 in 2\.14, was 50 in 2\.13 \|/);
    assert.ok(!/<script|alert\(2\)|javascript:/.test(text), 'no live HTML, no script, no unsafe link');
    await vscode.window.showTextDocument(doc, editor.viewColumn);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === before, 'one Undo to restore the document');
  });

  test('broken input is a message, not a change', async () => {
    const { doc } = await openDoc('postmortems', 'import-target.md');
    const before = doc.getText();
    const errors: string[] = [];
    const showError = vscode.window.showErrorMessage;
    (vscode.window as any).showErrorMessage = (m: string) => {
      errors.push(m);
      return Promise.resolve(undefined);
    };
    try {
      const result = await vscode.commands.executeCommand<Result>(Commands.importTimeline, {
        uri: doc.uri.toString(), source: 'slack', path: ZIP, channel: 'war-room', select: 'all',
      });
      assert.equal(result, undefined);
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, /no channel "war-room" in the export/);
      assert.equal(doc.getText(), before);
    } finally {
      (vscode.window as any).showErrorMessage = showError;
    }
  });
});
