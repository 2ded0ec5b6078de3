/** Postmortem: Mark File as Postmortem — `type: postmortem` in the frontmatter, as one undoable edit. */
import * as vscode from 'vscode';
import { markAsPostmortemEdit } from '../frontmatterEdit';
import { targetEditor } from './shared';

export async function markAsPostmortem(arg?: unknown): Promise<boolean> {
  const editor = await targetEditor(arg);
  if (!editor) {
    void vscode.window.showInformationMessage('Open the Markdown file to mark as a postmortem first.');
    return false;
  }
  const doc = editor.document;
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const edit = markAsPostmortemEdit(doc.getText(), eol);
  if (!edit) {
    void vscode.window.showInformationMessage('This file already declares `type: postmortem`.');
    return false;
  }
  const we = new vscode.WorkspaceEdit();
  we.replace(
    doc.uri,
    new vscode.Range(edit.start.line, edit.start.character, edit.end.line, edit.end.character),
    edit.text,
    { label: 'Mark as postmortem', needsConfirmation: false },
  );
  return vscode.workspace.applyEdit(we);
}
