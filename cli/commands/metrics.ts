/**
 * `postmortem metrics [paths…]`: each incident's key times and its time to detect / acknowledge / mitigate / resolve,
 * with the definition each one uses (they depend on `postmortem.metrics.base`), as a table, JSON or CSV.
 */
import { Option, type Command } from 'commander';
import { KEY_TIME_NAMES, type KeyTimeName, type Metric, type PostmortemModel } from '../../common/model';
import { formatDuration, KEY_TIME_LABELS, METRIC_LABELS } from '../../common/format';
import type { CliCommand, CliContext } from '../context';
import { loadModels, type ModelOf } from '../check/models';

const METRIC_NAMES: readonly Metric['name'][] = ['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToResolve', 'impactDuration'];
const SHORT: Record<Metric['name'], string> = { timeToDetect: 'TTD', timeToAcknowledge: 'TTA', timeToMitigate: 'TTM', timeToResolve: 'TTR', impactDuration: 'Impact' };
const SNAKE: Record<Metric['name'], string> = {
  timeToDetect: 'time_to_detect', timeToAcknowledge: 'time_to_acknowledge', timeToMitigate: 'time_to_mitigate', timeToResolve: 'time_to_resolve', impactDuration: 'impact_duration',
};

interface MetricsFlags {
  format: 'table' | 'json' | 'csv';
  config?: string;
  debug?: boolean;
}

export const metricsCommand: CliCommand = {
  name: 'metrics',
  register(program: Command, context: CliContext) {
    program
      .command('metrics')
      .description('key times and time to detect / acknowledge / mitigate / resolve of each incident, with their definitions')
      .argument('[paths...]', 'files, folders or globs (default: every postmortem under the current folder); a file named is read as a postmortem')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
      .option('-c, --config <file>', 'settings file to use instead of each folder\'s .vscode/settings.json')
      .action(async (paths: string[], flags: MetricsFlags, command: Command) => {
        const debug = command.optsWithGlobals<{ debug?: boolean }>().debug === true;
        const { models, problems } = await loadModels(context, paths, { config: flags.config, debug, namedArePostmortems: true });
        for (const p of problems) context.stderr.write(`postmortem: ${p.path ? `${p.path}: ` : ''}${p.message}\n`);
        const incidents = models.filter((m): m is ModelOf & { model: PostmortemModel } => m.model !== null);
        const output = flags.format === 'json' ? metricsJson(incidents) : flags.format === 'csv' ? metricsCsv(incidents) : metricsTable(incidents);
        context.stdout.write(output);
        context.setExitCode(problems.some((p) => p.fails) ? 1 : 0);
      });
  },
};

type Incident = ModelOf & { model: PostmortemModel };

function keyTime(model: PostmortemModel, name: KeyTimeName): { raw: string; iso: string | null } | null {
  const t = model.metadata.times[name];
  return t ? { raw: t.raw, iso: t.iso } : null;
}

function metricOf(model: PostmortemModel, name: Metric['name']): Metric | undefined {
  return model.metrics.find((m) => m.name === name);
}

export function metricsJson(incidents: readonly Incident[]): string {
  const out = incidents.map(({ display, model }) => ({
    path: display,
    incident: model.metadata.incidentId?.value ?? null,
    title: model.metadata.title?.value ?? null,
    keyTimes: Object.fromEntries(KEY_TIME_NAMES.map((k) => [k, keyTime(model, k)])),
    metrics: model.metrics.map((m) => ({ name: m.name, label: m.label, minutes: m.minutes, from: m.from, to: m.to, definition: m.definition })),
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}

export function metricsCsv(incidents: readonly Incident[]): string {
  const header = ['path', 'incident', 'title', ...KEY_TIME_NAMES, ...METRIC_NAMES.flatMap((n) => [`${SNAKE[n]}_minutes`, `${SNAKE[n]}_definition`])];
  const rows = incidents.map(({ display, model }) => [
    display,
    model.metadata.incidentId?.value ?? '',
    model.metadata.title?.value ?? '',
    ...KEY_TIME_NAMES.map((k) => keyTime(model, k)?.iso ?? ''),
    ...METRIC_NAMES.flatMap((n) => {
      const m = metricOf(model, n);
      return m ? [String(m.minutes), m.definition] : ['', ''];
    }),
  ]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  // A leading = + - @ would be a formula in a spreadsheet: quote it and prefix an apostrophe (OWASP's advice).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function metricsTable(incidents: readonly Incident[]): string {
  if (incidents.length === 0) return 'No postmortems found.\n';
  const header = ['File', ...KEY_TIME_NAMES.map((k) => `${KEY_TIME_LABELS[k]} (UTC)`), ...METRIC_NAMES.map((n) => SHORT[n])];
  const rows = incidents.map(({ display, model }) => [
    display,
    ...KEY_TIME_NAMES.map((k) => {
      const t = keyTime(model, k);
      return t ? (t.iso ? t.iso.slice(0, 16).replace('T', ' ') : `? (${t.raw})`) : '—';
    }),
    ...METRIC_NAMES.map((n) => {
      const m = metricOf(model, n);
      return m ? formatDuration(m.minutes) : '—';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', 'Definitions:'];
  const seen = new Set<string>();
  for (const { model } of incidents) {
    for (const m of model.metrics) {
      const text = `  ${SHORT[m.name]} (${METRIC_LABELS[m.name].toLowerCase()}): ${m.definition}`;
      if (!seen.has(text)) {
        seen.add(text);
        out.push(text);
      }
    }
  }
  if (seen.size === 0) out.push('  (no incident has the key times a metric needs: started, detected, acknowledged, mitigated, resolved)');
  out.push('A metric is left out (—) when one of its key times is missing, unreadable or out of order.');
  return `${out.join('\n')}\n`;
}
