/** Postmortem: Sort Timeline — applies the server's `source.sortTimeline.postmortem` code action. */
import * as vscode from 'vscode';
import { CodeActionKinds } from '../../../common/protocol';
import { applyCodeAction, documentCodeActions, targetEditor } from './shared';

export type SortResult = 'sorted' | 'in-order' | 'no-editor' | 'failed';

export async function sortTimeline(arg?: unknown): Promise<SortResult> {
  const editor = await targetEditor(arg);
  if (!editor) {
    void vscode.window.showInformationMessage('Open a postmortem to sort its timeline.');
    return 'no-editor';
  }
  const actions = await documentCodeActions(editor.document, CodeActionKinds.sortTimeline);
  // The provider filters by the requested kind; a disabled action means "nothing to do".
  const sort = actions.find((a) => !(a as vscode.CodeAction).disabled);
  if (!sort) {
    void vscode.window.showInformationMessage('The timeline is already in order.');
    return 'in-order';
  }
  const ok = await applyCodeAction(sort);
  if (!ok) void vscode.window.showWarningMessage('Could not sort the timeline (the document changed meanwhile?).');
  return ok ? 'sorted' : 'failed';
}
