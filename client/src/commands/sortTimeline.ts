/** Postmortem: Sort Timeline — applies the server's `source.sortTimeline.postmortem` code action. */
import * as vscode from 'vscode';
import { CodeActionKinds } from '../../../common/protocol';
import { applyCodeAction, applyToCurrentVersion, documentCodeActions, reportChanged, targetEditor } from './shared';

export type SortResult = 'sorted' | 'in-order' | 'no-editor' | 'failed';

export async function sortTimeline(arg?: unknown): Promise<SortResult> {
  const editor = await targetEditor(arg);
  if (!editor) {
    void vscode.window.showInformationMessage('Open a postmortem to sort its timeline.');
    return 'no-editor';
  }
  const doc = editor.document;
  // The provider filters by the requested kind; a disabled action means "nothing to do".
  const outcome = await applyToCurrentVersion(
    doc,
    async () => (await documentCodeActions(doc, CodeActionKinds.sortTimeline)).find((a) => !(a as vscode.CodeAction).disabled),
    (sort) => applyCodeAction(sort),
  );
  if (outcome === 'nothing') {
    void vscode.window.showInformationMessage('The timeline is already in order.');
    return 'in-order';
  }
  if (outcome === 'changed') {
    reportChanged('Sorting the timeline');
    return 'failed';
  }
  if (outcome === 'failed') void vscode.window.showWarningMessage('Could not sort the timeline.');
  return outcome === 'applied' ? 'sorted' : 'failed';
}
