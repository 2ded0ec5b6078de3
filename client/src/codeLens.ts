/**
 * CodeLens on postmortems, from the server's model: "Create ticket" over each open action item without a ticket,
 * "Sort" and "Preview" over the Timeline heading. Refreshed on `postmortem/modelChanged`.
 */
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../common/model';
import { Commands, type ModelChangedParams } from '../../common/protocol';
import { ticketStateOf } from '../../core/trackers/plan';

export class PostmortemCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly getModel: (uri: vscode.Uri) => Promise<PostmortemModel | null>,
    onModelChanged: vscode.Event<ModelChangedParams>,
  ) {
    this.subscription = onModelChanged(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const model = await this.getModel(document.uri);
    if (token.isCancellationRequested || !model || !model.isPostmortem) return [];
    return lensesFor(model, document.uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function lensesFor(model: PostmortemModel, uri: vscode.Uri): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  const line = (n: number) => new vscode.Range(n, 0, n, 0);
  const timeline = model.sections.find((s) => s.kind === 'timeline');
  if (timeline) {
    const at = line(timeline.headingRange.start.line);
    lenses.push(
      new vscode.CodeLens(at, { title: 'Sort', tooltip: 'Sort the timeline entries by time', command: Commands.sortTimeline, arguments: [uri] }),
      new vscode.CodeLens(at, { title: 'Preview', tooltip: 'Open the timeline preview', command: Commands.openPreview, arguments: [uri] }),
    );
  }
  for (const item of model.actionItems) {
    if (item.done) continue;
    const state = ticketStateOf(item);
    const at = line(item.range.start.line);
    if (state.kind === 'to-create') {
      lenses.push(new vscode.CodeLens(at, { title: 'Create ticket', tooltip: `Create a ticket for "${item.text}"`, command: Commands.createTickets, arguments: [uri, item.id] }));
    } else if (state.kind === 'linked') {
      // The ticket's state as the document knows it; "Sync Ticket Status" asks the tracker.
      lenses.push(new vscode.CodeLens(at, state.url && /^https?:\/\//.test(state.url)
        ? { title: `Ticket ${state.key}`, tooltip: `Open ${state.url}`, command: 'vscode.open', arguments: [vscode.Uri.parse(state.url)] }
        : { title: `Ticket ${state.key}`, tooltip: 'Linked ticket', command: '' }));
    }
  }
  return lenses;
}
