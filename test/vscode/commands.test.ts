/**
 * The client's commands and CodeLens, run inside VS Code through `vscode.commands.executeCommand`.
 * Prompts are answered by stubbing `vscode.window.showInputBox` / `showQuickPick` / `showInformationMessage`
 * (originals restored after each test). Fixtures: test/fixtures/workspace/postmortems/client-*.md.
 * Waiting is on real conditions: the extension's `ready`, the server's model, the command's own promise.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../common/model';
import { Commands } from '../../common/protocol';
import { activeExtension, closeAll, lineOf, openDoc, waitFor, workspaceUri } from './harness-vscode';

const WEBHOOKS = ['postmortems', 'client-webhooks.md'];
const SEARCH = ['postmortems', 'client-search-index.md'];
const NO_TIMELINE = ['postmortems', 'client-no-timeline.md'];

interface Api {
  ready: Promise<void>;
  getModel(uri: vscode.Uri): Promise<PostmortemModel | null>;
  statusBar(): { visible: false } | { visible: true; text: string; tooltip: string };
}

type Window = typeof vscode.window;
const saved: { key: keyof Window; value: unknown }[] = [];

/** Replaces a `vscode.window` function for the current test; `restore()` puts the originals back. */
function stub<K extends keyof Window>(key: K, fn: (...args: any[]) => unknown): void {
  saved.push({ key, value: vscode.window[key] });
  (vscode.window as any)[key] = fn;
}
function restore(): void {
  while (saved.length) {
    const { key, value } = saved.pop()!;
    (vscode.window as any)[key] = value;
  }
}

/** Captures information messages (and answers none of them). */
function captureMessages(): string[] {
  const messages: string[] = [];
  stub('showInformationMessage', (message: string) => {
    messages.push(message);
    return Promise.resolve(undefined);
  });
  return messages;
}

async function api(): Promise<Api> {
  const ext = await activeExtension();
  const exported = ext.exports as Api;
  assert.ok(exported && typeof exported.getModel === 'function', 'activate() returns { client, ready, getModel }');
  await exported.ready;
  return exported;
}

/** Opens a fixture and waits until the server has a postmortem model of it that satisfies `accept`. */
async function openModel(segments: string[], accept: (m: PostmortemModel) => boolean = () => true) {
  const a = await api();
  const opened = await openDoc(...segments);
  const model = await waitFor(async () => {
    const m = await a.getModel(opened.doc.uri);
    return m && m.isPostmortem && accept(m) ? m : null;
  }, `the server's model of ${segments.join('/')}`);
  return { ...opened, model, api: a };
}

const rowTimes = (doc: vscode.TextDocument): string[] =>
  doc.getText().split('\n').map((l) => /^\| (\d{2}:\d{2}) \|/.exec(l)?.[1]).filter((t): t is string => !!t);

suite('Client commands', () => {
  const created: vscode.Uri[] = [];

  teardown(async () => {
    restore();
    await closeAll();
    for (const uri of created.splice(0)) {
      try { await vscode.workspace.fs.delete(uri); } catch { /* already gone */ }
    }
  });

  test('newPostmortem creates <folder>/<date>-<slug>.md from the answers, and -2 the second time', async () => {
    await api();
    const asked: string[] = [];
    stub('showInputBox', async (options: vscode.InputBoxOptions) => {
      asked.push(options.title ?? '');
      if (/Title/.test(options.title ?? '')) return 'Client test: cache stampede';
      if (/Incident id/.test(options.title ?? '')) return 'INC-9001';
      if (/Start/.test(options.title ?? '')) {
        assert.match(options.value ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'start time is prefilled with now');
        assert.equal(typeof options.validateInput?.('not a time'), 'string', 'a bad start time is rejected with a message');
        assert.equal(options.validateInput?.(options.value ?? ''), undefined, 'the prefilled start time is accepted');
        return '2024-06-03 07:45';
      }
      return undefined;
    });
    stub('showQuickPick', async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
      const list = await items;
      asked.push(options?.title ?? '');
      if (/Severity/.test(options?.title ?? '')) {
        assert.ok(list.some((i) => i.label === 'SEV1'), 'severities come from the schema');
        return list.find((i) => i.label === 'SEV2');
      }
      if (/Template/.test(options?.title ?? '')) return list.find((i) => i.label === 'full');
      return undefined;
    });

    const first = await vscode.commands.executeCommand<vscode.Uri>(Commands.newPostmortem);
    assert.ok(first, 'the command returns the new file');
    created.push(first);
    assert.equal(path.basename(first.fsPath), '2024-06-03-client-test-cache-stampede.md');
    assert.equal(path.dirname(first.fsPath), workspaceUri('postmortems').fsPath);
    assert.equal(asked.length, 5, `five prompts: ${asked.join(' / ')}`);

    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(first));
    assert.match(text, /^---\n/);
    assert.match(text, /^title: "Client test: cache stampede"$/m);
    assert.match(text, /^incidentId: INC-9001$/m);
    assert.match(text, /^severity: SEV2$/m);
    assert.match(text, /^started: 2024-06-03 07:45$/m);
    assert.match(text, /^# Client test: cache stampede$/m);
    assert.ok(!/\{\{/.test(text), 'no placeholder left');

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), first.toString(), 'the new file is open');
    const summary = lineOf(editor!.document, /^## Summary/);
    assert.ok(editor!.selection.active.line > summary, 'cursor is in the Summary');
    assert.ok(editor!.selection.active.line < lineOf(editor!.document, /^## Impact/), 'cursor is in the Summary');

    const second = await vscode.commands.executeCommand<vscode.Uri>(Commands.newPostmortem);
    assert.ok(second);
    created.push(second);
    assert.equal(path.basename(second.fsPath), '2024-06-03-client-test-cache-stampede-2.md');
    const again = new TextDecoder().decode(await vscode.workspace.fs.readFile(first));
    assert.equal(again, text, 'the first file is not overwritten');
  });

  /** Answers the New Postmortem prompts with `title`; records the quick picks it was shown. */
  function answerNewPostmortem(title: string, picks: { title: string; items: vscode.QuickPickItem[] }[] = [], folderLabel?: string): void {
    stub('showInputBox', async (options: vscode.InputBoxOptions) => {
      if (/Title/.test(options.title ?? '')) return title;
      if (/Incident id/.test(options.title ?? '')) return '';
      if (/Start/.test(options.title ?? '')) return '2024-06-04 10:00';
      return undefined;
    });
    stub('showQuickPick', async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
      const list = [...(await items)];
      picks.push({ title: options?.title ?? '', items: list });
      if (/Workspace folder/.test(options?.title ?? '')) return list.find((i) => i.label === folderLabel);
      if (/Severity/.test(options?.title ?? '')) return list.find((i) => i.label === 'SEV3');
      if (/Template/.test(options?.title ?? '')) return list.find((i) => i.label === 'full');
      return undefined;
    });
  }

  test('newPostmortem never overwrites a file that is already there: the create fails and it moves on to -2', async () => {
    await api();
    const rel = vscode.workspace.getConfiguration('postmortem', workspaceUri()).get<string>('folder', 'postmortems') || '.';
    const taken = vscode.Uri.joinPath(workspaceUri(), rel, '2024-06-04-client-test-taken-name.md');
    // Written behind VS Code's back (as another process would), so only the atomic create can notice it.
    await fs.promises.mkdir(path.dirname(taken.fsPath), { recursive: true });
    await fs.promises.writeFile(taken.fsPath, 'someone else\'s notes\n');
    created.push(taken);
    answerNewPostmortem('Client test: taken name');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.newPostmortem);
    assert.ok(uri, 'the command returns the new file');
    created.push(uri);
    assert.equal(path.basename(uri.fsPath), '2024-06-04-client-test-taken-name-2.md');
    assert.equal(await fs.promises.readFile(taken.fsPath, 'utf8'), 'someone else\'s notes\n', 'the existing file is untouched');
    assert.match(await fs.promises.readFile(uri.fsPath, 'utf8'), /^title: "Client test: taken name"$/m, 'the new file is saved with its content');
    assert.equal(vscode.window.activeTextEditor?.document.isDirty, false, 'the new document is saved');
  });

  test('newPostmortem asks which folder in a multi-root workspace, the active editor\'s folder first', async () => {
    await api();
    const real = vscode.workspace.workspaceFolders;
    assert.ok(real && real.length === 1, 'the test workspace has one folder');
    const secondUri = workspaceUri('client-second-root');
    await vscode.workspace.fs.createDirectory(secondUri);
    const note = vscode.Uri.joinPath(secondUri, 'notes.md');
    await vscode.workspace.fs.writeFile(note, new TextEncoder().encode('# Notes\n'));
    const second: vscode.WorkspaceFolder = { uri: secondUri, name: 'client-second-root', index: 1 };
    // Two folders as the command sees them (a real second root would restart the extension host).
    const descriptor = Object.getOwnPropertyDescriptor(vscode.workspace, 'workspaceFolders');
    Object.defineProperty(vscode.workspace, 'workspaceFolders', { configurable: true, get: () => [real[0], second] });
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note));
      const picks: { title: string; items: vscode.QuickPickItem[] }[] = [];
      answerNewPostmortem('Client test: second root', picks, 'client-second-root');
      const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.newPostmortem);
      assert.ok(uri, 'the command returns the new file');
      created.push(uri);
      const folderPick = picks.find((p) => /Workspace folder/.test(p.title));
      assert.ok(folderPick, `asked for the folder: ${picks.map((p) => p.title).join(' / ')}`);
      assert.deepEqual(folderPick.items.map((i) => i.label), ['client-second-root', real[0].name], 'the active editor\'s folder comes first');
      assert.match(folderPick.items[0].description ?? '', /active editor/);
      assert.equal(picks[0], folderPick, 'the folder is asked first');
      const rel = vscode.workspace.getConfiguration('postmortem', secondUri).get<string>('folder', 'postmortems') || '.';
      assert.equal(path.dirname(uri.fsPath), vscode.Uri.joinPath(secondUri, rel).fsPath, 'created in the chosen folder');
      assert.equal(path.basename(uri.fsPath), '2024-06-04-client-test-second-root.md');
    } finally {
      if (descriptor) Object.defineProperty(vscode.workspace, 'workspaceFolders', descriptor);
      else delete (vscode.workspace as { workspaceFolders?: unknown }).workspaceFolders;
      await closeAll();
      await vscode.workspace.fs.delete(secondUri, { recursive: true });
    }
  });

  test('markAsPostmortem adds type: postmortem as one undoable edit', async () => {
    await api();
    const original = '# Draft notes\n\nSome text about an outage.\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: original });
    await vscode.window.showTextDocument(doc);
    const ok = await vscode.commands.executeCommand<boolean>(Commands.markAsPostmortem);
    assert.equal(ok, true);
    assert.equal(doc.getText(), `---\ntype: postmortem\n---\n\n${original}`);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'undo reverts the whole change');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('insertTimelineEntry adds a table row after the last entry at now (UTC)', async () => {
    const { doc, editor } = await openModel(WEBHOOKS, (m) => m.timeline.length >= 6);
    const before = new Date();
    const lastLine = lineOf(doc, '| 09:34 |');
    const ok = await vscode.commands.executeCommand<boolean>(Commands.insertTimelineEntry);
    const after = new Date();
    assert.equal(ok, true);
    const row = doc.lineAt(lastLine + 1).text;
    const allowed = new Set([before, after].map((d) => d.toISOString().slice(11, 16)));
    const m = /^\| (\d{2}:\d{2}) \| what happened \|$/.exec(row);
    assert.ok(m, `new row in the table's style: ${row}`);
    assert.ok(allowed.has(m[1]), `row time ${m[1]} is now in UTC (${[...allowed].join(' or ')})`);
    assert.equal(editor.document.getText(editor.selection), 'what happened', 'the cursor selects the text cell');
  });

  test('insertTimelineEntry adds a list item in the document zone (Europe/Berlin)', async () => {
    const { doc } = await openModel(SEARCH, (m) => m.timeline.length >= 5);
    const before = new Date();
    const lastLine = lineOf(doc, '- 08:02 —');
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.insertTimelineEntry), true);
    const after = new Date();
    const item = doc.lineAt(lastLine + 1).text;
    const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const allowed = new Set([fmt.format(before), fmt.format(after)]);
    const m = /^- (\d{2}:\d{2}) — what happened$/.exec(item);
    assert.ok(m, `new list item in the list's style: ${item}`);
    assert.ok(allowed.has(m[1]), `item time ${m[1]} is now in Europe/Berlin (${[...allowed].join(' or ')})`);
  });

  test('insertTimelineEntry without a timeline section says so', async () => {
    await openModel(NO_TIMELINE);
    const messages = captureMessages();
    const ok = await vscode.commands.executeCommand<boolean>(Commands.insertTimelineEntry);
    assert.equal(ok, false);
    assert.ok(messages.some((m) => /no Timeline section/i.test(m)), `told the user: ${messages.join(' | ')}`);
  });

  test('sortTimeline reorders the rows, and says when they are already in order', async () => {
    const { doc } = await openModel(WEBHOOKS, (m) => m.timeline.length >= 6);
    assert.deepEqual(rowTimes(doc), ['08:02', '08:10', '08:31', '08:19', '09:02', '09:34']);
    const result = await vscode.commands.executeCommand<string>(Commands.sortTimeline);
    assert.equal(result, 'sorted');
    assert.deepEqual(rowTimes(doc), ['08:02', '08:10', '08:19', '08:31', '09:02', '09:34']);
    assert.ok(doc.getText().includes('| 08:19 | Latency alert fired for webhook delivery |'), 'rows move whole');

    await openModel(SEARCH);
    const messages = captureMessages();
    assert.equal(await vscode.commands.executeCommand<string>(Commands.sortTimeline), 'in-order');
    assert.ok(messages.some((m) => /already in order/i.test(m)), messages.join(' | '));
  });

  test('showMetrics lists each metric with its duration and definition', async () => {
    await openModel(WEBHOOKS, (m) => m.metrics.length > 0);
    let shown: vscode.QuickPickItem[] = [];
    stub('showQuickPick', async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
      shown = [...(await items)];
      return undefined;
    });
    await vscode.commands.executeCommand(Commands.showMetrics);
    const ttr = shown.find((i) => /resolve/i.test(i.label));
    assert.ok(ttr, `a time-to-resolve pick among ${shown.map((i) => i.label).join(', ')}`);
    assert.equal(ttr.description, '1 h 24 min');
    assert.match(ttr.detail ?? '', /^Definition: .+/);
    assert.ok(shown.every((i) => /^Definition: /.test(i.detail ?? '')), 'every metric states its definition');
  });

  test('CodeLens: Sort and Preview on the timeline heading, Create ticket on items without a ticket', async () => {
    const { doc } = await openModel(WEBHOOKS, (m) => m.actionItems.length >= 3);
    const lenses = await waitFor(async () => {
      const ls = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
      const ours = ls.filter((l) => l.command && Object.values(Commands).includes(l.command.command as never));
      return ours.length >= 4 ? ours : null;
    }, 'the postmortem CodeLenses');
    const heading = lineOf(doc, /^## Timeline/);
    const at = (title: string) => lenses.filter((l) => l.command?.title === title).map((l) => l.range.start.line);
    assert.deepEqual(at('Sort'), [heading]);
    assert.deepEqual(at('Preview'), [heading]);
    assert.equal(lenses.find((l) => l.command?.title === 'Preview')!.command!.command, Commands.openPreview);
    assert.deepEqual(at('Create ticket').sort((a, b) => a - b), [lineOf(doc, 'Alert on webhook consumer'), lineOf(doc, 'Add the consumer restart step')]);
  });

  test('status bar: shown with problems and TTR on a postmortem, hidden on README.md', async () => {
    const { doc, api: a } = await openModel(WEBHOOKS, (m) => m.metrics.some((x) => x.name === 'timeToResolve'));
    assert.equal(typeof a.statusBar, 'function', 'activate() exposes the status bar state');
    const shown = await waitFor(() => {
      const v = a.statusBar();
      const problems = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'postmortem').length;
      return v.visible && v.text === `$(issues) ${problems} ${problems === 1 ? 'problem' : 'problems'} · TTR 1 h 24 min` ? v : null;
    }, 'the status bar item on the postmortem');
    assert.match(shown.tooltip, /\*\*Time to resolve\*\*: 1 h 24 min/);

    await openDoc('README.md');
    await waitFor(() => !a.statusBar().visible, 'the status bar item hidden on README.md');
    await openDoc(...WEBHOOKS);
    await waitFor(() => a.statusBar().visible, 'the status bar item back on the postmortem');
  });

  test('revealLine opens the document and selects the line', async () => {
    await api();
    const uri = workspaceUri(...WEBHOOKS);
    await vscode.commands.executeCommand(Commands.revealLine, uri.toString(), 20);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor!.selection.start.line, 20);
    assert.equal(editor!.document.getText(editor!.selection), editor!.document.lineAt(20).text);
  });
});
