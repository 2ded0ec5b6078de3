/**
 * The engine's DocumentHost over an open VS Code document: reads the text with the language server's model of
 * exactly that version, and applies each write-back as ONE WorkspaceEdit (one undo step) computed against the
 * document as it is at that moment; if the document changes in between, the edit is computed again.
 */
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../../common/model';
import type { DocumentHost, ModelSnapshot } from '../../../core/trackers/engine';
import type { CommandDeps } from '../commands/shared';

const ATTEMPTS = 20;
const MODEL_WAIT_MS = 3000;

/** The server's model of `doc` at its current version (the model follows the text; wait for it to catch up). */
async function currentModel(deps: CommandDeps, doc: vscode.TextDocument): Promise<PostmortemModel> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const version = doc.version;
    const changed = new Promise<void>((resolve) => {
      const timer = setTimeout(() => { sub.dispose(); resolve(); }, MODEL_WAIT_MS);
      const sub = deps.onModelChanged((p) => {
        if (p.uri === doc.uri.toString()) { clearTimeout(timer); sub.dispose(); resolve(); }
      });
    });
    const model = await deps.getModel(doc.uri);
    if (model && model.version === version && doc.version === version) return model;
    await changed;
  }
  throw new Error('The language server did not read the latest version of the document.');
}

export function editorHost(deps: CommandDeps, doc: vscode.TextDocument): DocumentHost {
  const read = async (): Promise<ModelSnapshot & { version: number }> => {
    for (let i = 0; i < ATTEMPTS; i++) {
      const model = await currentModel(deps, doc);
      const text = doc.getText();
      if (doc.version === model.version) return { text, model, version: model.version };
    }
    throw new Error('The document kept changing; try again.');
  };
  return {
    read,
    async edit(compute) {
      if (doc.isClosed) return false;
      for (let i = 0; i < ATTEMPTS; i++) {
        const now = await read();
        const edits = compute(now);
        if (edits.length === 0) return true;
        // Applied only against the version the edits were computed from; otherwise compute again.
        if (doc.version !== now.version) continue;
        const edit = new vscode.WorkspaceEdit();
        for (const e of edits) edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
        if (doc.version !== now.version) continue;
        // VS Code refuses an edit made for an older version of the document (it carries the version it was made for).
        if (await vscode.workspace.applyEdit(edit)) return true;
        if (doc.isClosed || doc.version === now.version) return false;
      }
      return false;
    },
  };
}
