/** What every command needs, and a few helpers shared by them. */
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../../common/model';
import type { ModelChangedParams } from '../../../common/protocol';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  getModel(uri: vscode.Uri): Promise<PostmortemModel | null>;
  onModelChanged: vscode.Event<ModelChangedParams>;
}

/** Accepts a Uri, a URI string or nothing (the active editor's document). */
export function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) return vscode.Uri.parse(arg);
  if (arg && typeof arg === 'object' && 'uri' in arg) return toUri((arg as { uri: unknown }).uri);
  return undefined;
}

/** The editor of `uri` (shown if needed), or the active text editor when no uri is given. */
export async function targetEditor(arg?: unknown): Promise<vscode.TextEditor | undefined> {
  const uri = toUri(arg);
  if (!uri) return vscode.window.activeTextEditor;
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  if (visible) return vscode.window.showTextDocument(visible.document, visible.viewColumn);
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

export function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The model of the editor's document, or a message saying why there is none. */
export async function requireModel(deps: CommandDeps, editor: vscode.TextEditor | undefined): Promise<PostmortemModel | undefined> {
  if (!editor) {
    void vscode.window.showInformationMessage('Open a postmortem (a Markdown file) first.');
    return undefined;
  }
  const model = await deps.getModel(editor.document.uri);
  if (!model || !model.isPostmortem) {
    void vscode.window.showInformationMessage(
      'This file is not treated as a postmortem. Use "Postmortem: Mark File as Postmortem" or put it in a postmortems folder.',
    );
    return undefined;
  }
  return model;
}

/** Whole-document range, for code action requests. */
export function wholeDocument(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, doc.lineCount, 0);
}

/** The code actions of a kind (`quickfix`, `source.sortTimeline.postmortem`...) the providers offer for the whole document. */
export async function documentCodeActions(doc: vscode.TextDocument, kind: string): Promise<(vscode.CodeAction | vscode.Command)[]> {
  return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', doc.uri, wholeDocument(doc), kind,
  )) ?? [];
}

/** Applies a code action returned by `vscode.executeCodeActionProvider` (its edit, then its command). */
export async function applyCodeAction(action: vscode.CodeAction | vscode.Command): Promise<boolean> {
  if (typeof (action as { command?: unknown }).command !== 'string') {
    const ca = action as vscode.CodeAction;
    let ok = true;
    if (ca.edit) ok = await vscode.workspace.applyEdit(ca.edit);
    if (ca.command) await vscode.commands.executeCommand(ca.command.command, ...(ca.command.arguments ?? []));
    return ok;
  }
  const cmd = action as vscode.Command;
  await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
  return true;
}

/** How an edit computed across an `await` ended. */
export type VersionedApply = 'applied' | 'failed' | 'changed' | 'nothing';

/**
 * Applies `action` only if `doc` is still at `version`, the version it was computed for (the server's edits come
 * back through `vscode.executeCodeActionProvider` without their version, so the check is made here).
 */
export async function applyCodeActionAt(doc: vscode.TextDocument, version: number, action: vscode.CodeAction | vscode.Command): Promise<boolean> {
  if (doc.isClosed || doc.version !== version) return false;
  return applyCodeAction(action);
}

/**
 * Computes an edit for the document as it is now (`compute` may await: the server, the user) and applies it only
 * if the document did not change meanwhile; when it did, computes again, up to `attempts` times. `changed`: the
 * user kept typing and nothing was applied (the caller says so).
 */
export async function applyToCurrentVersion<T>(
  doc: vscode.TextDocument,
  compute: () => Promise<T | undefined>,
  apply: (value: T) => Thenable<boolean>,
  attempts = 3,
): Promise<VersionedApply> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const version = doc.version;
    const value = await compute();
    if (doc.isClosed) return 'failed';
    if (doc.version !== version) continue;
    if (value === undefined) return 'nothing';
    return (await apply(value)) ? 'applied' : 'failed';
  }
  return 'changed';
}

/** Says that an edit was not applied because the document kept changing. */
export function reportChanged(what: string): void {
  void vscode.window.showWarningMessage(`${what} was not applied: the document changed while it was being prepared. Run the command again.`);
}
