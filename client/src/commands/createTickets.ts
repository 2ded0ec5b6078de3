/**
 * Postmortem: Create Tickets for Action Items. The open action items without a ticket become tickets in the
 * configured tracker (core/trackers/engine.ts does the work; this is the editor's face): the plan is shown and
 * confirmed (or only shown: dry run), progress can be cancelled, and the links are written back as one undoable
 * edit against the document as it is then. GitHub signs in through VS Code; other trackers use a stored token.
 */
import * as vscode from 'vscode';
import { runTickets, type TicketRunResult } from '../../../core/trackers/engine';
import { loadTrackerFactory } from '../../../core/trackers/load';
import { planTickets, type PlannedTicket, type TicketPlan } from '../../../core/trackers/plan';
import { outcomeLine, planHeadline, planLine, runHeadline, runSucceeded } from '../../../core/trackers/summary';
import { isTrackerError, type Tracker, type TrackerConfig } from '../../../core/trackers/types';
import { Commands } from '../../../common/protocol';
import { credentialsFor } from '../tickets/credentials';
import { editorHost } from '../tickets/host';
import { ticketSettings } from '../tickets/settings';
import { requireModel, targetEditor, type CommandDeps } from './shared';

export const UNTRUSTED_MESSAGE =
  'Postmortem: tickets are disabled in an untrusted workspace: they send the document\'s action items and your credentials to the tracker its settings name. Trust the workspace to use them.';

export interface TicketPick extends vscode.QuickPickItem {
  planned: PlannedTicket;
}

/** The tracker for the document's settings with the user's credentials; undefined (after saying why) when there are none. */
export async function openTracker(deps: CommandDeps, config: TrackerConfig, signInAgain = false): Promise<Tracker | undefined> {
  let credentials;
  try {
    credentials = await credentialsFor(deps.context, config, signInAgain);
  } catch (err) {
    void vscode.window.showWarningMessage(`Postmortem: could not sign in to GitHub: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  if (!credentials) {
    if (config.kind === 'github') void vscode.window.showInformationMessage('Postmortem: sign in to GitHub to create tickets.');
    else {
      const set = await vscode.window.showWarningMessage(`Postmortem: no ${config.kind} token is stored.`, 'Set Tracker Token');
      if (set) await vscode.commands.executeCommand(Commands.setTrackerToken, config.kind);
    }
    return undefined;
  }
  try {
    return loadTrackerFactory(config.kind)(config, { credentials, log: (m) => deps.output.appendLine(m) });
  } catch (err) {
    const message = isTrackerError(err) ? err.message : `the ${config.kind} tracker could not be loaded (${err instanceof Error ? err.message : String(err)})`;
    void vscode.window.showErrorMessage(`Postmortem: ${message}`);
    return undefined;
  }
}

/** Quick pick of the planned tickets (all selected), then a modal: Create or Dry Run. */
async function confirmPlan(plan: TicketPlan, dryRun: boolean): Promise<{ plan: TicketPlan; dryRun: boolean } | undefined> {
  const picks: TicketPick[] = plan.tickets.map((t) => ({
    label: t.title || '(no text)',
    description: [t.assignee ? `→ ${t.assignee}` : 'no assignee', t.due ? `due ${t.due}` : 'no due date'].join(' · '),
    detail: `${plan.target} · labels: ${t.labels.join(', ')}`,
    picked: true,
    planned: t,
  }));
  const chosen = await vscode.window.showQuickPick(picks, {
    title: `${dryRun ? 'Dry run: ' : ''}Create tickets in ${plan.target}`,
    placeHolder: 'The selected action items become tickets (Enter to continue, Escape to cancel)',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!chosen || chosen.length === 0) return undefined;
  const chosenPlan = { ...plan, tickets: chosen.map((c) => c.planned) };
  if (dryRun) return { plan: chosenPlan, dryRun };
  const n = chosenPlan.tickets.length;
  const answer = await vscode.window.showInformationMessage(
    `Create ${n} ${n === 1 ? 'ticket' : 'tickets'} in ${plan.target}?`,
    { modal: true, detail: chosenPlan.tickets.map((t) => `• ${planLine(t)}`).join('\n') },
    'Create', 'Dry Run',
  );
  if (answer === 'Create') return { plan: chosenPlan, dryRun: false };
  if (answer === 'Dry Run') return { plan: chosenPlan, dryRun: true };
  return undefined;
}

/**
 * Arguments: a document URI (or nothing: the active editor), the id of one item (CodeLens), and `{ dryRun }`.
 * Returns the run's result, or the plan for a dry run.
 */
export async function createTickets(deps: CommandDeps, arg?: unknown, itemId?: unknown, flags?: unknown, again?: { ids: string[] }): Promise<TicketRunResult | TicketPlan | undefined> {
  const signedInAgain = !!again;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE);
    return undefined;
  }
  const editor = await targetEditor(arg);
  const model = await requireModel(deps, editor);
  if (!editor || !model) return undefined;
  const doc = editor.document;
  const settings = ticketSettings(doc.uri);
  if (settings.problem) {
    const open = await vscode.window.showWarningMessage(`Postmortem: ${settings.problem}`, 'Open Settings');
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', 'postmortem.tickets');
    return undefined;
  }
  const host = editorHost(deps, doc);
  let plan = planTickets(await host.read(), settings.options);
  if (typeof itemId === 'string' && itemId) plan = { ...plan, tickets: plan.tickets.filter((t) => t.item.id === itemId) };
  // After signing in again: the items the user already confirmed (they now carry their markers, hence their ids).
  if (again) plan = { ...plan, tickets: plan.tickets.filter((t) => again.ids.includes(t.item.id)) };
  if (plan.tickets.length === 0) {
    void vscode.window.showInformationMessage(model.actionItems.length === 0 ? 'This postmortem has no action items yet.' : `Postmortem: ${planHeadline(plan)}`);
    return plan;
  }
  const wantDryRun = !!(flags && typeof flags === 'object' && (flags as { dryRun?: unknown }).dryRun === true);
  const confirmed = signedInAgain ? { plan, dryRun: false } : await confirmPlan(plan, wantDryRun);
  if (!confirmed) return undefined;
  if (confirmed.dryRun) {
    deps.output.appendLine(`Dry run (nothing created): ${planHeadline(confirmed.plan)}`);
    for (const t of confirmed.plan.tickets) deps.output.appendLine(`  line ${t.item.range.start.line + 1}: ${planLine(t)}`);
    deps.output.show(true);
    void vscode.window.showInformationMessage(`Postmortem: dry run, nothing created. ${planHeadline(confirmed.plan)} The plan is in the Postmortem output.`);
    return confirmed.plan;
  }
  const tracker = await openTracker(deps, settings.options.config, signedInAgain);
  if (!tracker) return undefined;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creating tickets in ${tracker.target}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await runTickets(host, tracker, confirmed.plan, {
          ...settings.options,
          signal: abort.signal,
          onProgress: (p) => progress.report({ message: p.title ? `${p.done + 1} of ${p.total}: ${p.title}` : `${p.done} of ${p.total}`, increment: p.title && p.done > 0 ? 100 / p.total : 0 }),
        });
      } finally {
        sub.dispose();
      }
    },
  );
  deps.output.appendLine(`Create tickets in ${result.target}:`);
  for (const o of result.outcomes) deps.output.appendLine(`  line ${o.line + 1}: ${outcomeLine(o)}`);
  const headline = `Postmortem: ${runHeadline(result)}`;
  deps.output.appendLine(headline);
  if (result.authFailed && !signedInAgain) {
    const choice = await vscode.window.showErrorMessage(headline, 'Sign In Again');
    if (choice) return createTickets(deps, doc.uri, itemId, flags, { ids: result.outcomes.map((o) => o.marker).filter((m): m is string => !!m) });
  } else if (!runSucceeded(result)) {
    const details = await vscode.window.showWarningMessage(headline, 'Show Details');
    if (details) deps.output.show(true);
  } else {
    void vscode.window.showInformationMessage(headline);
  }
  return result;
}
