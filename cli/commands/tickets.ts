/**
 * `postmortem tickets FILE --tracker github|gitlab|jira|linear`: the action items become tickets (or, with
 * `--sync`, closed tickets tick their items), through the same engine as the VS Code command. The plan is shown
 * first and confirmed on a terminal; without one, `--yes` is required. Links are written into FILE, re-read just
 * before each write. Exit 0: every open item has its ticket; 1: some failed (the others are done); 2: usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { runTickets, syncTickets, type TicketRunResult } from '../../core/trackers/engine';
import { documentUrlOf, gitRemoteOf } from '../../core/trackers/gitRemote';
import { loadTrackerFactory } from '../../core/trackers/load';
import { planTickets, type TicketPlan } from '../../core/trackers/plan';
import { outcomeLine, planHeadline, planLine, runHeadline, runSucceeded, syncLines } from '../../core/trackers/summary';
import { modelReader, textHost } from '../../core/trackers/textHost';
import { TRACKER_KINDS, type TrackerConfig, type TrackerCredentials, type TrackerKind } from '../../core/trackers/types';
import { UsageError, UserError, type CliCommand, type CliContext } from '../context';

interface TicketsOptions {
  tracker: string;
  repo?: string;
  project?: string;
  team?: string;
  apiUrl?: string;
  label: string[];
  issueType?: string;
  dryRun?: boolean;
  yes?: boolean;
  sync?: boolean;
  format: string;
}

/** Tokens from the environment, the way each tracker's own CLI reads them; never from flags (shell history). */
export function credentialsFromEnv(kind: TrackerKind, env: Record<string, string | undefined>): TrackerCredentials {
  const need = (message: string): never => { throw new UserError(message, 2); };
  switch (kind) {
    case 'github': {
      const token = env.GITHUB_TOKEN || env.GH_TOKEN;
      return token ? { token } : need('set GITHUB_TOKEN (or GH_TOKEN) to a GitHub token with the `repo` scope');
    }
    case 'gitlab':
      return env.GITLAB_TOKEN ? { token: env.GITLAB_TOKEN } : need('set GITLAB_TOKEN to a GitLab token with the `api` scope');
    case 'jira':
      if (env.JIRA_EMAIL && env.JIRA_API_TOKEN) return { token: env.JIRA_API_TOKEN, email: env.JIRA_EMAIL };
      return env.JIRA_PAT ? { token: env.JIRA_PAT } : need('set JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud) or JIRA_PAT (Data Center)');
    case 'linear':
      return env.LINEAR_API_KEY ? { token: env.LINEAR_API_KEY } : need('set LINEAR_API_KEY to a Linear API key');
  }
}

function configOf(o: TicketsOptions, file: string): TrackerConfig {
  if (!(TRACKER_KINDS as readonly string[]).includes(o.tracker)) throw new UsageError(`--tracker must be one of ${TRACKER_KINDS.join(', ')} (got "${o.tracker}")`);
  const kind = o.tracker as TrackerKind;
  const config: TrackerConfig = { kind, labels: o.label };
  if (o.apiUrl) {
    if (!/^https?:\/\/\S+$/.test(o.apiUrl)) throw new UsageError(`--api-url must be an http(s) URL (got "${o.apiUrl}")`);
    config.apiUrl = o.apiUrl;
  }
  if (o.issueType) config.issueType = o.issueType;
  if (kind === 'github') {
    const repo = o.repo ?? gitRemoteOf(file)?.repo;
    if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError(repo ? `--repo must be OWNER/NAME (got "${repo}")` : '--repo OWNER/NAME is required (no GitHub remote found for the file)');
    config.repo = repo;
  } else if (kind === 'linear') {
    if (!o.team) throw new UsageError('--team KEY is required for Linear');
    config.team = o.team;
  } else {
    if (!o.project) throw new UsageError(`--project is required for ${kind === 'jira' ? 'Jira (a project key)' : 'GitLab (group/project or an id)'}`);
    config.project = o.project;
  }
  return config;
}

async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, terminal: false });
  ctx.stderr.write(question);
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function printPlan(ctx: CliContext, plan: TicketPlan, file: string, json: boolean): void {
  if (json) return;
  ctx.stdout.write(`${planHeadline(plan)}\n`);
  for (const t of plan.tickets) ctx.stdout.write(`  ${file}:${t.item.range.start.line + 1}: ${planLine(t)}\n`);
}

function planJson(plan: TicketPlan) {
  return {
    target: plan.target,
    tickets: plan.tickets.map((t) => ({ line: t.item.range.start.line + 1, title: t.title, assignee: t.assignee ?? null, due: t.due ?? null, labels: t.labels, priority: t.priority ?? null, type: t.type ?? null })),
    skipped: plan.skipped.map((s) => ({ line: s.item.range.start.line + 1, title: s.item.text, reason: s.reason })),
  };
}

function runJson(r: TicketRunResult) {
  return { ...r, outcomes: r.outcomes.map((o) => ({ ...o, line: o.line + 1 })) };
}

async function tickets(ctx: CliContext, fileArg: string, o: TicketsOptions): Promise<void> {
  if (o.format !== 'text' && o.format !== 'json') throw new UsageError(`--format must be text or json (got "${o.format}")`);
  const json = o.format === 'json';
  const file = path.resolve(ctx.cwd, fileArg);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UserError(`${fileArg}: no such file`, 2);
  const config = configOf(o, file);
  const host = textHost({ read: () => fs.promises.readFile(file, 'utf8'), write: (text) => fs.promises.writeFile(file, text, 'utf8') }, modelReader(pathToFileURL(file).toString()));
  const documentUrl = documentUrlOf(gitRemoteOf(file), file);
  const options = { config, ...(documentUrl ? { documentUrl } : {}) };
  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  const tracker = () => {
    const credentials = credentialsFromEnv(config.kind, ctx.env);
    let factory;
    try {
      factory = loadTrackerFactory(config.kind);
    } catch {
      throw new UserError(`the ${config.kind} tracker is not available in this build`, 2);
    }
    return factory(config, { credentials, log: ctx.env.POSTMORTEM_DEBUG ? (m) => ctx.stderr.write(`${m}\n`) : undefined });
  };

  if (o.sync) {
    const t = tracker();
    process.once('SIGINT', onInterrupt);
    try {
      const r = await syncTickets(host, t, abort.signal);
      const { headline, lines } = syncLines(r);
      if (json) ctx.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else ctx.stdout.write([headline, ...lines.map((l) => `  ${l}`)].join('\n') + '\n');
      if (r.failed || r.writeBack === 'failed') ctx.setExitCode(1);
    } finally {
      process.removeListener('SIGINT', onInterrupt);
    }
    return;
  }

  const plan = planTickets(await host.read(), options);
  printPlan(ctx, plan, fileArg, json);
  if (o.dryRun || plan.tickets.length === 0) {
    if (json) ctx.stdout.write(`${JSON.stringify({ dryRun: !!o.dryRun, plan: planJson(plan) }, null, 2)}\n`);
    return;
  }
  const t = tracker();
  if (!o.yes) {
    if (!ctx.stdin.isTTY) {
      if (json) ctx.stdout.write(`${JSON.stringify({ dryRun: true, plan: planJson(plan) }, null, 2)}\n`);
      throw new UserError('nothing created: no terminal to confirm the plan; run again with --yes to create these tickets', 2);
    }
    if (!(await confirm(ctx, `Create ${plan.tickets.length} ticket(s) in ${plan.target}? [y/N] `))) {
      ctx.stderr.write('Nothing created.\n');
      ctx.setExitCode(1);
      return;
    }
  }
  process.once('SIGINT', onInterrupt);
  let result: TicketRunResult;
  try {
    result = await runTickets(host, t, plan, {
      ...options,
      signal: abort.signal,
      onProgress: json ? undefined : (p) => { if (p.title) ctx.stderr.write(`[${p.done + 1}/${p.total}] ${p.title}\n`); },
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  if (json) ctx.stdout.write(`${JSON.stringify({ plan: planJson(plan), result: runJson(result) }, null, 2)}\n`);
  else {
    for (const out of result.outcomes) ctx.stdout.write(`${fileArg}:${out.line + 1}: ${outcomeLine(out)}\n`);
    ctx.stdout.write(`${runHeadline(result)}\n`);
  }
  if (!runSucceeded(result)) ctx.setExitCode(1);
}

export const ticketsCommand: CliCommand = {
  name: 'tickets',
  register(program: Command, ctx: CliContext) {
    program
      .command('tickets')
      .description('create a ticket for each open action item without one, and write its link into FILE (--sync: tick items whose tickets are closed)')
      .argument('<file>', 'the postmortem (Markdown)')
      .option('--tracker <kind>', `tracker: ${TRACKER_KINDS.join(', ')}`, 'github')
      .option('--repo <owner/name>', 'GitHub repository (default: the file\'s git remote)')
      .option('--project <key>', 'GitLab project (group/project or id) or Jira project key')
      .option('--team <key>', 'Linear team key')
      .option('--api-url <url>', 'API URL of GitHub Enterprise, self-managed GitLab, a Jira site, or a test server')
      .option('--label <label>', 'extra label for every ticket (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
      .option('--issue-type <name>', 'Jira issue type (default Task)')
      .option('--dry-run', 'show what would be created; create nothing')
      .option('-y, --yes', 'create without asking (needed without a terminal)')
      .option('--sync', 'read the tickets\' state: tick items whose tickets are closed, report deleted or moved ones')
      .option('--format <format>', 'text or json', 'text')
      .addHelpText('after', '\nTokens come from the environment: GITHUB_TOKEN or GH_TOKEN; GITLAB_TOKEN; JIRA_EMAIL with JIRA_API_TOKEN, or JIRA_PAT; LINEAR_API_KEY.\nExit codes: 0 every open item has its ticket, 1 some failed (the others are done), 2 usage error.')
      .action((file: string, o: TicketsOptions) => tickets(ctx, file, o));
  },
};
