/**
 * "Create Tickets for Action Items" and "Sync Ticket Status" end to end in the real VS Code, against the local
 * GitHub server started by the test (the setting `postmortem.tickets.apiUrl` points at it). The command code path
 * is the real one; only what needs a person is answered: the GitHub sign-in (vscode.authentication.getSession),
 * the quick pick and the modal confirmation. Ends with one ticket per item, the links written back as one
 * undoable edit, and a second run that creates nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../common/model';
import { Commands } from '../../common/protocol';
import type { SyncResult, TicketRunResult } from '../../core/trackers/engine';
import { GitHubServer } from '../trackers/servers/github';
import { activeExtension, closeAll, openDoc, waitFor, workspaceUri } from './harness-vscode';

const FILE = ['postmortems', 'tickets-e2e.md'];
const DOC = `---
title: Checkout outage
incident: INC-42
severity: SEV2
---
# Checkout outage

## Summary

Checkout failed for 20 minutes.

## Action items

- [ ] Add an alert on checkout error rate (owner: @alice, due: 2024-06-01, type: detect, priority: P1)
- [ ] Document the rollback runbook @bob
- [x] Already done thing
- [ ] Decide on retries (needs discussion)
`;

interface Api { ready: Promise<void>; getModel(uri: vscode.Uri): Promise<PostmortemModel | null> }

const restorers: (() => void)[] = [];
function replace<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  const original = target[key];
  (target as any)[key] = value;
  restorers.push(() => { (target as any)[key] = original; });
}

suite('Tickets (local GitHub server)', () => {
  let server: GitHubServer;
  const sessions: { provider: string; scopes: readonly string[]; options: unknown }[] = [];
  const messages: string[] = [];

  suiteSetup(async () => {
    server = await new GitHubServer().start();
    const config = vscode.workspace.getConfiguration('postmortem.tickets');
    await config.update('apiUrl', server.url, vscode.ConfigurationTarget.Workspace);
    await config.update('repository', 'octo/app', vscode.ConfigurationTarget.Workspace);
  });
  suiteTeardown(async () => {
    const config = vscode.workspace.getConfiguration('postmortem.tickets');
    await config.update('apiUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('repository', undefined, vscode.ConfigurationTarget.Workspace);
    await server.stop();
  });

  setup(async () => {
    fs.writeFileSync(workspaceUri(...FILE).fsPath, DOC);
    sessions.length = 0;
    messages.length = 0;
    server.issues.length = 0;
    // The GitHub sign-in needs a person; the session it would return is what the command gets.
    replace(vscode.authentication, 'getSession', (async (provider: string, scopes: readonly string[], options: unknown) => {
      sessions.push({ provider, scopes, options });
      return { id: 'test', accessToken: 'test-token', account: { id: 'octocat', label: 'octocat' }, scopes };
    }) as typeof vscode.authentication.getSession);
    replace(vscode.window, 'showQuickPick', (async (items: any) => (await items).filter((i: vscode.QuickPickItem) => i.picked)) as any);
    const answer = async (message: string, ...rest: unknown[]) => {
      messages.push(message);
      const options = rest[0] as vscode.MessageOptions | undefined;
      return options && typeof options === 'object' && options.modal ? 'Create' : undefined;
    };
    replace(vscode.window, 'showInformationMessage', answer as any);
    replace(vscode.window, 'showWarningMessage', answer as any);
    replace(vscode.window, 'showErrorMessage', answer as any);
  });
  teardown(async () => {
    while (restorers.length) restorers.pop()!();
    await closeAll();
    try { fs.rmSync(workspaceUri(...FILE).fsPath); } catch { /* already gone */ }
  });

  async function open() {
    const api = (await activeExtension()).exports as Api;
    await api.ready;
    const opened = await openDoc(...FILE);
    await waitFor(async () => {
      const m = await api.getModel(opened.doc.uri);
      return m && m.isPostmortem && m.actionItems.length === 4 ? m : null;
    }, 'the model of the tickets fixture');
    return opened;
  }

  const line = (doc: vscode.TextDocument, text: string) => doc.getText().split('\n').find((l) => l.includes(text)) ?? '';

  test('creates one ticket per open item, writes the links as one undoable edit; a second run creates nothing', async () => {
    const { doc } = await open();
    const result = (await vscode.commands.executeCommand(Commands.createTickets, doc.uri)) as TicketRunResult;
    assert.ok(result && Array.isArray(result.outcomes), `a run result: ${JSON.stringify(result)} ${messages.join(' | ')}`);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['created', 'created']);
    assert.deepEqual(sessions.map((s) => [s.scopes, (s.options as { createIfNone?: boolean }).createIfNone]), [[['repo'], true]], 'signed in through VS Code\'s GitHub session with the repo scope');
    assert.ok(messages.some((m) => /Create 2 tickets in github octo\/app\?/.test(m)), `the plan was confirmed: ${messages.join(' | ')}`);
    assert.deepEqual(server.live().map((i) => i.title).sort(), ['Add an alert on checkout error rate', 'Document the rollback runbook']);
    assert.deepEqual(server.violations, []);
    const alert = server.live().find((i) => i.title.startsWith('Add an alert'))!;
    assert.match(line(doc, 'Add an alert'), new RegExp(`ticket: \\[#${alert.number}\\]\\(${server.url.replace(/[.]/g, '\\.')}/octo/app/issues/${alert.number}\\)\\) <!-- postmortem-item: pm-[0-9a-z]{8} -->$`));
    assert.match(line(doc, 'rollback runbook'), /\(ticket: \[#\d\]\(http[^)]+\)\) <!-- postmortem-item: pm-[0-9a-z]{8} -->$/);
    assert.equal(line(doc, 'Decide on retries'), '- [ ] Decide on retries (needs discussion)', 'needs-discussion items are not sent');

    // One undo takes back all the links and nothing else: the identities stay.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => !doc.getText().includes('ticket: [#'), 'the links undone');
    assert.equal((doc.getText().match(/postmortem-item: pm-/g) ?? []).length, 2, 'the identity markers stay after undoing the links');

    // Run again: the tickets are found by their markers and linked, none is created.
    const posts = server.requests.filter((r) => r.startsWith('POST')).length;
    const again = (await vscode.commands.executeCommand(Commands.createTickets, doc.uri)) as TicketRunResult;
    assert.deepEqual(again.outcomes.map((o) => o.status), ['found', 'found']);
    assert.equal(server.requests.filter((r) => r.startsWith('POST')).length, posts, 'no ticket created twice');
    assert.equal(server.live().length, 2);
    assert.match(line(doc, 'Add an alert'), /ticket: \[#\d\]/);

    // CodeLens shows each item's ticket: "Ticket #N" (opening it) where there is one, nothing to create.
    const lenses = await waitFor(async () => {
      const ls = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
      return ls.filter((l) => /^Ticket #\d$/.test(l.command?.title ?? '')).length === 2 ? ls : null;
    }, 'the ticket CodeLenses');
    assert.equal(lenses.filter((l) => l.command?.title === 'Create ticket').length, 0);
    const alertLens = lenses.find((l) => l.command?.title === `Ticket #${alert.number}`)!;
    // `vscode.open` comes back from the provider command as VS Code's internal `_workbench.open`.
    assert.match(alertLens.command!.command, /^(?:vscode|_workbench)\.open$/);
    const target = alertLens.command!.arguments![0] as vscode.Uri | { path?: string; authority?: string };
    assert.equal(`${target.authority}${target.path}`, `${server.url.replace('http://', '')}/octo/app/issues/${alert.number}`);
  });

  test('a dry run shows the plan and creates nothing', async () => {
    const { doc } = await open();
    const before = server.issues.length;
    await vscode.commands.executeCommand(Commands.createTickets, doc.uri, undefined, { dryRun: true });
    assert.equal(server.issues.length, before);
    assert.equal(doc.getText(), DOC);
    assert.ok(messages.some((m) => /dry run, nothing created/.test(m)), messages.join(' | '));
  });

  test('sync ticks the item whose ticket was closed', async () => {
    const { doc } = await open();
    await vscode.commands.executeCommand(Commands.createTickets, doc.uri);
    const alert = server.live().find((i) => i.title.startsWith('Add an alert'))!;
    alert.state = 'closed';
    const result = (await vscode.commands.executeCommand(Commands.syncTickets, doc.uri)) as SyncResult;
    assert.ok(result.items.some((i) => i.key === `#${alert.number}` && i.state === 'closed' && i.ticked), JSON.stringify(result));
    assert.match(line(doc, 'Add an alert'), /^- \[x\] /);
    assert.match(line(doc, 'rollback runbook'), /^- \[ \] /);
  });

  test('an expired GitHub session: nothing is created, "Sign In Again" gets a new session and the tickets are made', async () => {
    const { doc } = await open();
    const tokens = ['expired-token', 'test-token'];
    replace(vscode.authentication, 'getSession', (async (provider: string, scopes: readonly string[], options: unknown) => {
      sessions.push({ provider, scopes, options });
      return { id: 'test', accessToken: tokens.shift() ?? 'test-token', account: { id: 'octocat', label: 'octocat' }, scopes };
    }) as typeof vscode.authentication.getSession);
    const errors: string[] = [];
    replace(vscode.window, 'showErrorMessage', (async (message: string) => { errors.push(message); return 'Sign In Again'; }) as any);
    const result = (await vscode.commands.executeCommand(Commands.createTickets, doc.uri)) as TicketRunResult;
    assert.ok(errors.some((m) => /refused the credentials/.test(m) && /sign in again/i.test(m)), `errors: ${errors.join(' | ')}; messages: ${messages.join(' | ')}; result: ${JSON.stringify(result)}`);
    assert.deepEqual(sessions.map((s) => s.options), [{ createIfNone: true }, { forceNewSession: true }]);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['created', 'created']);
    assert.equal(server.live().length, 2);
    assert.match(line(doc, 'Add an alert'), /ticket: \[#\d\]/);
  });
});

