/**
 * Postmortem: Sync Ticket Status. Reads the state of every ticket the document links, ticks the items whose
 * tickets are closed (one undoable edit) and reports tickets that were deleted or moved.
 */
import * as vscode from 'vscode';
import { syncTickets as sync, type SyncResult } from '../../../core/trackers/engine';
import { syncLines } from '../../../core/trackers/summary';
import { editorHost } from '../tickets/host';
import { ticketSettings } from '../tickets/settings';
import { UNTRUSTED_MESSAGE, openTracker } from './createTickets';
import { requireModel, targetEditor, type CommandDeps } from './shared';

export async function syncTickets(deps: CommandDeps, arg?: unknown, signedInAgain = false): Promise<SyncResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE.replace('tickets are disabled', 'ticket sync is disabled'));
    return undefined;
  }
  const editor = await targetEditor(arg);
  const model = await requireModel(deps, editor);
  if (!editor || !model) return undefined;
  if (!model.actionItems.some((i) => i.ticket && i.ticket.value.trim())) {
    void vscode.window.showInformationMessage('Postmortem: no action item links a ticket yet.');
    return undefined;
  }
  const settings = ticketSettings(editor.document.uri);
  if (settings.problem) {
    void vscode.window.showWarningMessage(`Postmortem: ${settings.problem}`);
    return undefined;
  }
  const tracker = await openTracker(deps, settings.options.config, signedInAgain);
  if (!tracker) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading ticket status from ${tracker.target}`, cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await sync(editorHost(deps, editor.document), tracker, abort.signal);
      } finally {
        sub.dispose();
      }
    },
  );
  const { headline, lines } = syncLines(result);
  deps.output.appendLine(headline);
  for (const l of lines) deps.output.appendLine(`  ${l}`);
  if (result.authFailed && !signedInAgain) {
    const again = await vscode.window.showErrorMessage(`Postmortem: ${headline}`, 'Sign In Again');
    if (again) return syncTickets(deps, editor.document.uri, true);
  } else if (result.failed || lines.some((l) => /deleted|moved/.test(l))) {
    const details = await vscode.window.showWarningMessage(`Postmortem: ${headline}`, 'Show Details');
    if (details) deps.output.show(true);
  } else {
    void vscode.window.showInformationMessage(`Postmortem: ${headline}`);
  }
  return result;
}
