/** Registers the command-palette commands (the preview's two are registered by preview/index.ts). */
import * as vscode from 'vscode';
import { Commands } from '../../../common/protocol';
import { createTickets } from './createTickets';
import { importTimeline } from './importTimeline';
import { insertTimelineEntry } from './insertTimelineEntry';
import { markAsPostmortem } from './markAsPostmortem';
import { newPostmortem } from './newPostmortem';
import { revealLine } from './revealLine';
import type { CommandDeps } from './shared';
import { showMetrics } from './showMetrics';
import { sortTimeline } from './sortTimeline';
import { syncTickets } from './syncTickets';
import { setTrackerToken } from '../tickets/credentials';

export type { CommandDeps } from './shared';

export function registerCommands(deps: CommandDeps): void {
  const guard = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R | undefined> => {
    try {
      return await fn(...args);
    } catch (err) {
      deps.output.appendLine(`${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      void vscode.window.showErrorMessage(`Postmortem: ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  deps.context.subscriptions.push(
    vscode.commands.registerCommand(Commands.newPostmortem, guard('New Postmortem', () => newPostmortem(deps))),
    vscode.commands.registerCommand(Commands.markAsPostmortem, guard('Mark as Postmortem', (uri?: unknown) => markAsPostmortem(uri))),
    vscode.commands.registerCommand(Commands.insertTimelineEntry, guard('Insert Timeline Entry', (uri?: unknown) => insertTimelineEntry(deps, uri))),
    vscode.commands.registerCommand(Commands.sortTimeline, guard('Sort Timeline', (uri?: unknown) => sortTimeline(uri))),
    vscode.commands.registerCommand(Commands.createTickets, guard('Create Tickets', (uri?: unknown, id?: unknown, flags?: unknown) => createTickets(deps, uri, id, flags))),
    vscode.commands.registerCommand(Commands.syncTickets, guard('Sync Ticket Status', (uri?: unknown) => syncTickets(deps, uri))),
    vscode.commands.registerCommand(Commands.setTrackerToken, guard('Set Tracker Token', (kind?: unknown) => setTrackerToken(deps.context, kind))),
    vscode.commands.registerCommand(Commands.showMetrics, guard('Show Metrics', (uri?: unknown) => showMetrics(deps, uri))),
    vscode.commands.registerCommand(Commands.importTimeline, guard('Import Timeline', (arg?: unknown) => importTimeline(deps, arg))),
    vscode.commands.registerCommand(Commands.revealLine, guard('Reveal Line', (uri: unknown, line: unknown) => revealLine(uri, line))),
  );
}
