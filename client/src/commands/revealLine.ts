/** Internal: reveal and select a line of a document (CodeLens, the timeline preview). */
import * as vscode from 'vscode';
import { toUri } from './shared';

export async function revealLine(uriArg: unknown, lineArg: unknown): Promise<vscode.TextEditor | undefined> {
  const uri = toUri(uriArg);
  if (!uri) return undefined;
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const doc = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
  const line = Math.max(0, Math.min(doc.lineCount - 1, Math.floor(Number(lineArg) || 0)));
  const range = doc.lineAt(line).range;
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    preserveFocus: false,
    preview: false,
  });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
