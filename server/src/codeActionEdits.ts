/**
 * Code actions leave the server with versioned edits: the service builds `WorkspaceEdit.changes` (it knows no
 * versions); here each edit of the document becomes a `TextDocumentEdit` naming the version it was computed for,
 * so a client applying it after the document changed refuses it instead of writing over what the user typed.
 */
import type { CodeAction, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';

export function versionedEdit(edit: WorkspaceEdit, uri: string, version: number): WorkspaceEdit {
  if (!edit.changes) return edit;
  const documentChanges: TextDocumentEdit[] = [...((edit.documentChanges as TextDocumentEdit[] | undefined) ?? [])];
  for (const [target, edits] of Object.entries(edit.changes)) {
    // Another document (none today) has no version known here: null says "apply to whatever is on disk".
    const textDocument: OptionalVersionedTextDocumentIdentifier = { uri: target, version: target === uri ? version : null };
    documentChanges.push({ textDocument, edits });
  }
  const { changes: _changes, ...rest } = edit;
  return { ...rest, documentChanges };
}

export function versionedCodeActions(actions: CodeAction[], uri: string, version: number): CodeAction[] {
  return actions.map((action) => (action.edit ? { ...action, edit: versionedEdit(action.edit, uri, version) } : action));
}
