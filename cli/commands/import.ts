/**
 * `postmortem import slack|teams|pagerduty SOURCE --into FILE`: chat or paging history into the postmortem's timeline,
 * through the same engine as the editor's "Import Timeline…" (core/importers). The file is re-read just before it
 * is written, and written whole (temporary file + rename), so a failure leaves it as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Argument, type Command } from 'commander';
import { modelOfFile } from '../documentModel';
import { applyEdits, planMerge, type MergePlan } from '../../core/importers/merge';
import { selectEntries, type Selection } from '../../core/importers/select';
import { IMPORT_SOURCE_KINDS, ImportError, type ImportedEntry, type ImportSourceKind } from '../../core/importers/types';
import { defaultWindow } from '../../core/importers/window';
import { UsageError, UserError, type CliCommand, type CliContext } from '../context';

interface ImportOptions {
  into: string;
  channel?: string;
  since?: string;
  until?: string;
  select: string;
  bots?: boolean;
  participants?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  zone?: string;
}

function instant(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(t)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not a date or ISO 8601 time (e.g. 2024-03-10T07:00:00Z)`);
  return t;
}

function readTarget(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a Markdown file' : 'cannot be read'}`);
  }
}

function planFor(file: string, text: string, entries: ImportedEntry[], opts: ImportOptions): MergePlan {
  const zone = opts.zone ?? 'UTC';
  const model = modelOfFile(file, text, zone);
  if (!model) throw new UserError(`${file}: cannot be read as a postmortem (too large?)`);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  return planMerge({ model, lines: text.split(/\r?\n/), entries, defaultZone: zone, addParticipants: !!opts.participants, eol });
}

function describe(e: ImportedEntry): string {
  const first = e.text.split('\n')[0]!;
  return `${e.instant.slice(0, 16).replace('T', ' ')}Z  ${e.parentId ? '↳ ' : ''}${e.author}: ${first.length > 100 ? `${first.slice(0, 99)}…` : first}`;
}

async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  ctx.stdout.write(`${question} [y/N] `);
  const answer = await new Promise<string>((resolve) => {
    ctx.stdin.once('data', (d) => resolve(String(d)));
    ctx.stdin.once('end', () => resolve(''));
    ctx.stdin.resume();
  });
  ctx.stdin.pause();
  return /^y(es)?$/i.test(answer.trim());
}

async function run(kind: ImportSourceKind, source: string, opts: ImportOptions, ctx: CliContext): Promise<void> {
  if (opts.select !== 'suggested' && opts.select !== 'all') throw new UsageError(`--select must be "suggested" or "all", not ${JSON.stringify(opts.select)}`);
  if (opts.channel && kind !== 'slack') throw new UsageError('--channel is for Slack exports only');
  const file = path.resolve(ctx.cwd, opts.into);
  const first = readTarget(file);
  const model = modelOfFile(file, first, opts.zone ?? 'UTC');
  if (!model) throw new UserError(`${opts.into}: cannot be read as a postmortem (too large?)`);
  const window = defaultWindow(model);
  const since = instant(opts.since, '--since') ?? window.since;
  const until = instant(opts.until, '--until') ?? window.until;
  if (since !== undefined && until !== undefined && since > until) throw new UsageError('--since is after --until');

  let lastShown = 0;
  const progress = ctx.stderr.isTTY
    ? (done: number, total: number) => {
        const now = Date.now();
        if (total && now - lastShown > 200) {
          lastShown = now;
          ctx.stderr.write(`\rreading ${Math.round((100 * done) / total)}%`);
        }
      }
    : undefined;
  let loaded;
  try {
    // Loaded here, not at start: turndown and its DOM would otherwise be initialised in every run and worker thread.
    const { loadEntries } = await import('../../core/importers/load');
    loaded = await loadEntries({ kind, location: path.resolve(ctx.cwd, source), channel: opts.channel, options: { bots: !!opts.bots, since, until }, progress });
  } catch (e) {
    if (e instanceof ImportError) throw new UserError(e.message);
    throw e;
  } finally {
    if (progress) ctx.stderr.write('\r\x1b[K');
  }
  const chosen = selectEntries(loaded.entries, opts.select as Selection);
  const where = `${loaded.channel ? `#${loaded.channel} ` : ''}${since !== undefined ? `from ${new Date(since).toISOString()} ` : ''}${until !== undefined ? `to ${new Date(until).toISOString()}` : ''}`.trim();
  if (!chosen.length) {
    ctx.stdout.write(`Nothing to import (${loaded.entries.length} message(s)${where ? ` in ${where}` : ''}, none ${opts.select === 'all' ? 'written by people' : 'suggested; try --select all'}).\n`);
    return;
  }
  const preview = planFor(file, first, chosen, opts);
  if (opts.dryRun) {
    ctx.stdout.write(`Would add ${preview.added.length} entr${preview.added.length === 1 ? 'y' : 'ies'} to ${opts.into} (${preview.present.length} already there)${where ? `, ${where}` : ''}:\n`);
    for (const e of preview.added) ctx.stdout.write(`  + ${describe(e)}\n`);
    if (preview.participantsAdded.length) ctx.stdout.write(`  participants: + ${preview.participantsAdded.join(', ')}\n`);
    if (preview.keyTimesFilled.length) ctx.stdout.write(`  metadata: + ${preview.keyTimesFilled.join(', ')}\n`);
    for (const n of preview.notes) ctx.stdout.write(`  note: ${n}\n`);
    return;
  }
  if (!preview.edits.length) {
    ctx.stdout.write(`${opts.into}: nothing to add (${preview.present.length} entr${preview.present.length === 1 ? 'y is' : 'ies are'} already there).\n`);
    return;
  }
  if (!opts.yes && ctx.stdin.isTTY && ctx.stdout.isTTY) {
    if (!(await confirm(ctx, `Add ${preview.added.length} entries to ${opts.into}?`))) {
      ctx.stdout.write('Nothing changed.\n');
      return;
    }
  }
  // Re-read just before writing: the plan is made again on what is on disk now.
  const current = readTarget(file);
  const plan = current === first ? preview : planFor(file, current, chosen, opts);
  const next = applyEdits(current, plan.edits);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.import.tmp`);
  try {
    fs.writeFileSync(temp, next, 'utf8');
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw new UserError(`${opts.into}: cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  ctx.stdout.write(`Added ${plan.added.length} entr${plan.added.length === 1 ? 'y' : 'ies'} to ${opts.into} (${plan.present.length} already there).\n`);
  if (plan.participantsAdded.length) ctx.stdout.write(`Participants added: ${plan.participantsAdded.join(', ')}\n`);
  if (plan.keyTimesFilled.length) ctx.stdout.write(`Metadata filled: ${plan.keyTimesFilled.join(', ')}\n`);
  for (const n of plan.notes) ctx.stdout.write(`Note: ${n}\n`);
}

export const importCommand: CliCommand = {
  name: 'import',
  register(program: Command, ctx: CliContext): void {
    program
      .command('import')
      .description('Import a timeline from a Slack export, Microsoft Teams messages (Graph JSON) or PagerDuty log entries')
      .addArgument(new Argument('<source>', 'where the history comes from').choices([...IMPORT_SOURCE_KINDS]))
      .argument('<path>', 'the export: Slack .zip or folder; Teams or PagerDuty JSON file or folder of pages')
      .requiredOption('--into <file>', 'the postmortem to add the entries to (edited in place)')
      .option('--channel <name>', 'Slack channel (name or id); needed when the export has several')
      .option('--since <iso>', 'start of the window (default: incident start from the metadata, minus 1 hour)')
      .option('--until <iso>', 'end of the window (default: resolution from the metadata, plus 30 minutes)')
      .option('--select <which>', 'suggested (pinned, reacted to, key-moment words) or all', 'suggested')
      .option('--bots', 'include messages from bots and integrations')
      .option('--participants', "add the people who wrote the entries to the metadata's participants")
      .option('--zone <zone>', 'zone for times when the document names none', 'UTC')
      .option('--dry-run', 'print what would be added; change nothing')
      .option('-y, --yes', 'do not ask before writing')
      .action((kind: ImportSourceKind, source: string, opts: ImportOptions) => run(kind, source, opts, ctx));
  },
};
