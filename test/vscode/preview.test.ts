/**
 * The timeline preview inside VS Code: opening it beside a postmortem, live updates on edits,
 * reveal/highlight, restoring a panel through the serializer, and exports.
 * The preview's state is read through the internal command `postmortem._previewTest`
 * (client/src/preview/index.ts): the test bundle is a different module instance from dist/client.js.
 * Fixtures: test/fixtures/workspace/postmortems/preview-basic.md and preview-hostile.md.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreviewTestState } from '../../client/src/preview/panel';
import { activeExtension, closeAll, edit, lineOf, openDoc, workspaceUri } from './harness-vscode';

const BASIC = ['postmortems', 'preview-basic.md'];
const HOSTILE = ['postmortems', 'preview-hostile.md'];
const TEST_COMMAND = 'postmortem._previewTest';
const VIEW_TYPE = 'postmortem.timelinePreview';


interface WaitArgs { uri?: string; ready?: boolean; minVersion?: number; entryContains?: string; highlight?: number | null; timeoutMs?: number }

/** Resolves when the preview reaches the state (the extension waits on its own change event). */
const waitForPreview = async (w: WaitArgs): Promise<PreviewTestState> => vscode.commands.executeCommand<PreviewTestState>(TEST_COMMAND, 'waitFor', { timeoutMs: 30_000, ...w });

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

async function withSaveDialog<T>(target: vscode.Uri, run: () => Thenable<T>): Promise<T> {
  const window = vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog };
  const original = window.showSaveDialog;
  let asked = 0;
  window.showSaveDialog = async () => {
    asked++;
    return target;
  };
  try {
    const result = await run();
    assert.equal(asked, 1, 'the export asked for a file name once');
    return result;
  } finally {
    window.showSaveDialog = original;
  }
}

suite('Timeline preview', () => {
  suiteSetup(async () => {
    await openDoc(...BASIC);
    await activeExtension();
  });
  teardown(closeAll);

  test('opens beside the postmortem with its title and shows the timeline', async () => {
    const { doc, editor } = await openDoc(...BASIC);
    await vscode.commands.executeCommand('postmortem.openPreview');
    const s = await waitForPreview({ uri: doc.uri.toString(), ready: true, entryContains: 'Log rotation change' });
    assert.equal(s.title, 'Timeline: preview-basic.md');
    const tabs = previewTabs();
    assert.equal(tabs.length, 1, 'one preview tab');
    assert.equal(tabs[0]!.label, 'Timeline: preview-basic.md');
    assert.notEqual(tabs[0]!.group.viewColumn, editor.viewColumn, 'the preview is beside the editor');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'focus stays in the editor');

    const data = s.data!;
    assert.equal(data.title, 'Thumbnail service returned broken images');
    assert.ok(data.entries.length >= 8, `entries: ${data.entries.map((e) => e.text).join(' | ')}`);
    const texts = data.entries.map((e) => e.text);
    assert.ok(texts.findIndex((t) => t.includes('Log rotation')) < texts.findIndex((t) => t.includes('incident resolved')), 'document order');
    const late = data.entries.find((e) => e.text.includes('written down late'))!;
    assert.equal(late.outOfOrder, true, '08:50 after 09:35 is out of order');
    const cleanup = data.entries.find((e) => e.text.includes('Cleanup job written'))!;
    assert.equal(cleanup.gapBeforeText, '1 h 4 min', 'a gap of 64 minutes before 09:35');
    // "- sometime after lunch: customer support ..." has no time: the model does not make it a timeline entry.
    assert.equal(data.entries.find((e) => e.text.includes('customer support')), undefined, 'an item without a time is not an entry');
    assert.equal(data.entries[0]!.line, lineOf(doc, '08:05 Log rotation'));
    assert.ok(data.actionItems.some((a) => a.done && a.ticket === 'OPS-301'), JSON.stringify(data.actionItems));
    assert.ok(data.actionItems.some((a) => !a.done && !a.ticket));
  });

  test('updates live when the document changes', async () => {
    const { doc } = await openDoc(...BASIC);
    await vscode.commands.executeCommand('postmortem.openPreview', doc.uri);
    const before = await waitForPreview({ uri: doc.uri.toString(), ready: true, entryContains: 'Log rotation change' });
    const at = lineOf(doc, '10:02 Thumbnail backlog');
    assert.ok(at > 0);
    await edit(doc, new vscode.Position(at + 1, 0), '- 10:05 Preview live update check\n');
    const after = await waitForPreview({ entryContains: 'Preview live update check', minVersion: doc.version });
    assert.equal(after.data!.entries.length, before.data!.entries.length + 1);
    assert.ok(after.posts > before.posts, 'the new data was posted to the page');
    const added = after.data!.entries.find((e) => e.text.includes('Preview live update check'))!;
    assert.equal(added.line, at + 1);
  });

  test('reveals an entry line in the editor and highlights the entry under the cursor', async () => {
    const { doc } = await openDoc(...BASIC);
    await vscode.commands.executeCommand('postmortem.openPreview');
    const s = await waitForPreview({ uri: doc.uri.toString(), ready: true, entryContains: 'Disk usage' });
    const target = s.data!.entries.find((e) => e.text.includes('Disk usage'))!;
    const line = await vscode.commands.executeCommand<number>(TEST_COMMAND, 'reveal', target.line);
    assert.equal(line, target.line);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), doc.uri.toString());
    assert.equal(editor.selection.start.line, target.line);
    assert.equal(editor.selection.end.character, doc.lineAt(target.line).text.length, 'the whole line is selected');
    await waitForPreview({ highlight: target.index });
    const other = s.data!.entries.find((e) => e.text.includes('On-call acknowledged'))!;
    editor.selection = new vscode.Selection(other.line, 3, other.line, 3);
    await waitForPreview({ highlight: other.index });
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await waitForPreview({ highlight: null });
  });

  test('is restored by its serializer from the page state', async () => {
    const { doc } = await openDoc(...BASIC);
    assert.equal(await vscode.commands.executeCommand(TEST_COMMAND, 'serializerRegistered'), true);
    await vscode.commands.executeCommand(TEST_COMMAND, 'deserialize', { uri: doc.uri.toString() });
    const s = await waitForPreview({ uri: doc.uri.toString(), ready: true, entryContains: 'Log rotation change' });
    assert.equal(s.title, 'Timeline: preview-basic.md');
    assert.equal(previewTabs().length, 1);
    const empty = await vscode.commands.executeCommand<PreviewTestState>(TEST_COMMAND, 'deserialize', { nonsense: true });
    assert.equal(empty.uri, null);
    assert.equal(empty.data, null);
    assert.equal(previewTabs().length, 1, 'the restored panel replaced the previous one');
  });

  test('shows a hostile document and its page script still runs under the CSP', async () => {
    const { doc } = await openDoc(...HOSTILE);
    await vscode.commands.executeCommand('postmortem.openPreview');
    const s = await waitForPreview({ uri: doc.uri.toString(), ready: true, entryContains: 'A very long line' });
    assert.ok(s.posts > 0);
    const long = s.data!.entries.find((e) => e.text.startsWith('A very long line'))!;
    // The server's model already caps an entry's text; the preview caps again (10,000) for models from elsewhere.
    assert.ok(long.text.length <= 10_001, `the 100,000-character line is capped in the posted data (${long.text.length})`);
  });

  test('exports a self-contained HTML file with escaped text and no scripts', async () => {
    const { doc } = await openDoc(...HOSTILE);
    const target = workspaceUri('preview-export.html');
    const written = await withSaveDialog(target, () => vscode.commands.executeCommand<vscode.Uri>('postmortem.exportTimeline', doc.uri));
    assert.equal(written?.toString(), target.toString());
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<iframe|<img|<svg onload/i);
    assert.doesNotMatch(html, /href="(javascript|data):/i);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'script text is escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    // The model holds an entry's plain text: a link's text survives, its javascript: target never becomes a link.
    assert.ok(html.includes('click me and data'), 'the link text is shown as text');
    assert.ok(html.includes('javascript:alert(6)'), 'a javascript: ticket reference is shown as text (never as an href, checked above)');
    assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.ok(html.length < 60_000, `the long line is cut (export is ${html.length} chars)`);
  });

  test('exports an SVG with escaped XML', async () => {
    const { doc } = await openDoc(...HOSTILE);
    const target = workspaceUri('preview-export.svg');
    await withSaveDialog(target, () => vscode.commands.executeCommand('postmortem.exportTimeline', doc.uri, 'svg'));
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /<script|<foreignObject|<iframe|\]\]>/i);
    assert.ok(svg.includes('&lt;svg onload=alert(4)&gt;'), 'markup in an entry is escaped text');
    assert.ok(svg.includes('&amp;&lt;&gt; in one line'), 'XML special characters are escaped');
  });
});
