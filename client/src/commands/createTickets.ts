/**
 * Postmortem: Create Tickets for Action Items — lists the open action items without a ticket.
 * Creating tickets in a tracker arrives with the tracker integration; this command says so plainly.
 */
import * as vscode from 'vscode';
import type { ActionItem } from '../../../common/model';
import { actionItemDescription, itemsWithoutTicket } from '../format';
import { requireModel, targetEditor, type CommandDeps } from './shared';

export interface ActionItemPick extends vscode.QuickPickItem {
  item: ActionItem;
}

export const TRACKER_MESSAGE =
  'Ticket creation arrives with the tracker integration; no tickets were created. ' +
  'For now, create them in your tracker and write each reference in the item (`ticket: OPS-12`).';

/** Arguments: a document URI (or nothing: the active editor) and optionally the id of an item to preselect. */
export async function createTickets(deps: CommandDeps, arg?: unknown, preselectId?: unknown): Promise<ActionItem[] | undefined> {
  const editor = await targetEditor(arg);
  const model = await requireModel(deps, editor);
  if (!editor || !model) return undefined;
  const open = itemsWithoutTicket(model.actionItems);
  if (open.length === 0) {
    void vscode.window.showInformationMessage(
      model.actionItems.length === 0 ? 'This postmortem has no action items yet.' : 'Every open action item already has a ticket.',
    );
    return [];
  }
  const wanted = typeof preselectId === 'string' ? preselectId : undefined;
  const picks: ActionItemPick[] = open.map((item) => ({
    label: item.text || '(no text)',
    description: actionItemDescription(item),
    detail: `line ${item.range.start.line + 1}`,
    picked: wanted ? item.id === wanted : false,
    item,
  }));
  const chosen = await vscode.window.showQuickPick(picks, {
    title: 'Action items without a ticket',
    placeHolder: 'Select the action items to create tickets for',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!chosen || chosen.length === 0) return undefined;
  const n = chosen.length;
  void vscode.window.showInformationMessage(`${n} action ${n === 1 ? 'item' : 'items'} selected. ${TRACKER_MESSAGE}`);
  return chosen.map((c) => c.item);
}
