/**
 * Text shown by the status bar, the metrics pick and the ticket pick. Pure (no `vscode`), unit-tested.
 */
import type { Metric } from '../../common/model';
import { formatDuration as formatMinutes } from '../../common/format';

/** "1 h 24 min", "45 min", "2 d 3 h", "0 min" (common/format.ts, the server's style), with a typographic minus. */
export function formatDuration(minutes: number): string {
  return formatMinutes(minutes, '−');
}

/** `$(issues) 3 problems · TTR 1 h 24 min` (TTR left out when the document does not give it). */
export function statusBarText(problems: number, metrics: readonly Metric[]): string {
  const parts = [`$(issues) ${problems} ${problems === 1 ? 'problem' : 'problems'}`];
  const ttr = metrics.find((m) => m.name === 'timeToResolve');
  if (ttr) parts.push(`TTR ${formatDuration(ttr.minutes)}`);
  return parts.join(' · ');
}

/** One line per metric: `Time to resolve: 1 h 24 min — from impact start (started) to resolved`. */
export function metricLines(metrics: readonly Metric[]): string[] {
  return metrics.map((m) => `${m.label}: ${formatDuration(m.minutes)} — ${m.definition}`);
}

/** Markdown of the status bar tooltip: problem count, every metric with its definition, the click hint. */
export function statusBarTooltip(problems: number, metrics: readonly Metric[]): string {
  const lines = [`**Postmortem** — ${problems} ${problems === 1 ? 'problem' : 'problems'}`, ''];
  if (metrics.length === 0) {
    lines.push('No metrics yet: they need the key times (started, detected, mitigated, resolved) in the metadata or timeline.');
  } else {
    for (const m of metrics) lines.push(`- **${m.label}**: ${formatDuration(m.minutes)} — _${m.definition}_`);
  }
  lines.push('', 'Click to show the metrics.');
  return lines.join('\n');
}

/** What the status bar item shows: hidden, or its text and Markdown tooltip. */
export type StatusBarView = { visible: false } | { visible: true; text: string; tooltip: string };

/**
 * The show/hide decision and the content of the status bar item. Shown only when the active editor's document
 * is the one the server answered for with a postmortem model (`modelUri`); hidden for anything else (no editor,
 * README.md and other plain Markdown, a model that arrived for a document that is no longer active).
 */
export function statusBarView(input: {
  activeUri: string | undefined;
  model: { isPostmortem: boolean; metrics: readonly Metric[] } | null;
  modelUri: string;
  problems: number;
}): StatusBarView {
  const { activeUri, model, modelUri, problems } = input;
  if (!activeUri || !model || !model.isPostmortem || activeUri !== modelUri) return { visible: false };
  return { visible: true, text: statusBarText(problems, model.metrics), tooltip: statusBarTooltip(problems, model.metrics) };
}
