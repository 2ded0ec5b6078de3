/** Postmortem: Show Metrics — each metric with its duration and the definition it uses; picking one reveals its end time. */
import * as vscode from 'vscode';
import type { Metric } from '../../../common/model';
import { formatDuration } from '../format';
import { requireModel, targetEditor, type CommandDeps } from './shared';

export interface MetricPick extends vscode.QuickPickItem {
  metric: Metric;
}

export async function showMetrics(deps: CommandDeps, arg?: unknown): Promise<Metric[] | undefined> {
  const editor = await targetEditor(arg);
  const model = await requireModel(deps, editor);
  if (!editor || !model) return undefined;
  if (model.metrics.length === 0) {
    void vscode.window.showInformationMessage(
      'No metrics yet: they need key times (started, detected, acknowledged, mitigated, resolved) in the metadata or marked in the timeline.',
    );
    return [];
  }
  const picks: MetricPick[] = model.metrics.map((m) => ({
    label: m.label,
    description: formatDuration(m.minutes),
    detail: `Definition: ${m.definition}`,
    metric: m,
  }));
  const chosen = await vscode.window.showQuickPick(picks, {
    title: 'Postmortem metrics',
    placeHolder: 'Each metric states its definition; select one to go to its end time',
    matchOnDetail: true,
  });
  if (chosen) {
    const time = model.metadata.times[chosen.metric.to];
    if (time) {
      const r = new vscode.Range(time.range.start.line, time.range.start.character, time.range.end.line, time.range.end.character);
      editor.selection = new vscode.Selection(r.start, r.end);
      editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }
  return model.metrics;
}
