/**
 * Helpers for tests that run inside VS Code (server-features, commands, preview). Waiting is always
 * event- or condition-driven with a bounded timeout, never a fixed sleep.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../common/protocol';

export const EXTENSION_ID = 'postmortem-tools.postmortem';

/** The test workspace (a temp copy of test/fixtures/workspace made by the runner). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (the runner opens a copy of test/fixtures/workspace)');
  return folder.uri.fsPath;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...segments));
}

/** Polls `check` until it returns a truthy value; throws after `timeout` ms with the last error. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeout = 20_000, interval = 50): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export async function openDoc(...segments: string[]): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

/** The extension, activated. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  await waitFor(() => ext.isActive, `${EXTENSION_ID} to activate`);
  return ext;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function postmortemDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/**
 * Resolves with the document's postmortem diagnostics once `accept` holds for them, waiting on
 * `onDidChangeDiagnostics` (checked at once too, in case they are already there).
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string, timeout = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = postmortemDiagnostics(uri);
      if (!accept(ds)) return false;
      cleanup();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const now = postmortemDiagnostics(uri).map((d) => `${codeOf(d)} @${d.range.start.line}: ${d.message}`);
      reject(new Error(`timed out after ${timeout} ms waiting for ${what} on ${path.basename(uri.fsPath)}; it has: ${JSON.stringify(now)}`));
    }, timeout);
    const cleanup = (): void => { clearTimeout(timer); sub.dispose(); };
    check();
  });
}

export const hasCodes = (...codes: string[]) => (ds: vscode.Diagnostic[]): boolean =>
  codes.every((c) => ds.some((d) => codeOf(d) === c));

/** Reverts the active editor's unsaved changes and closes every editor, so each test starts clean. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme === 'file') {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Replaces a range (or inserts at a position) through a WorkspaceEdit and checks it applied. */
export async function edit(doc: vscode.TextDocument, range: vscode.Range | vscode.Position, text: string): Promise<void> {
  const we = new vscode.WorkspaceEdit();
  if (range instanceof vscode.Position) we.insert(doc.uri, range, text);
  else we.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(we), 'workspace edit was not applied');
}

export function lineOf(doc: vscode.TextDocument, pattern: RegExp | string): number {
  for (let i = 0; i < doc.lineCount; i++) {
    const t = doc.lineAt(i).text;
    if (typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t)) return i;
  }
  return -1;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

export function flattenSymbols(symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[]): string[] {
  const names: string[] = [];
  const walk = (s: vscode.DocumentSymbol | vscode.SymbolInformation): void => {
    names.push(s.name);
    if ('children' in s) s.children.forEach(walk);
  };
  symbols.forEach(walk);
  return names;
}
