/** `postmortem check [paths…]`: the editor's checks on files, in CI; `--fix` applies the editor's "Fix all". */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError, UserError, type CliCommand, type CliContext } from '../context';
import { runCheck } from '../check/run';
import { reason } from '../check/workspace';
import { countFindings, type CheckReport } from '../check/report';
import { DEFAULT_CACHE_FILE } from '../check/cache';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { COLOUR, formatText, PLAIN, summaryLine, useColour } from '../format/text';
import { defaultJobs } from '../pool';
import { VERSION } from '../version';
import { integer } from './options';

interface CheckFlags {
  config?: string;
  format: 'text' | 'json' | 'sarif';
  outputFile?: string;
  filesFrom?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  maxWarnings?: number;
  cache?: boolean;
  cacheLocation?: string;
  jobs?: number;
  timeout?: number;
  debug?: boolean;
}

export const checkCommand: CliCommand = {
  name: 'check',
  register(program: Command, context: CliContext) {
    program
      .command('check')
      .description('check postmortems with the same rules and schema as the editor')
      .argument('[paths...]', 'files, folders or globs (default: every postmortem under the current folder)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
      .option('-o, --output-file <file>', 'write the report to a file instead of standard output')
      .option('--files-from <file>', 'also check the paths listed in a file, one a line (- for standard input; an empty list checks nothing)')
      .option('-c, --config <file>', 'settings file to use (JSONC with postmortem.* keys) instead of each folder\'s .vscode/settings.json')
      .option('--fix', 'apply the safe fixes ("Fix all") in place')
      .option('--fix-dry-run', 'print the fixes as a unified diff instead of applying them')
      .option('--max-warnings <n>', 'exit with 1 when there are more warnings than this', integer('--max-warnings', 0))
      .option('--cache', `reuse the results of unchanged files (kept in ${DEFAULT_CACHE_FILE})`)
      .option('--cache-location <path>', 'cache file or folder (implies --cache)')
      .option('-j, --jobs <n>', `worker threads (default: one per core, ${defaultJobs()} here; 0: none)`, integer('--jobs', 0))
      .option('--timeout <ms>', 'time budget of one file in milliseconds (default: the file\'s postmortem.analysis.timeBudgetMs setting, 2000 unless set, as in the editor)', integer('--timeout', 1))
      .addHelpText('after', [
        '',
        'Exit codes: 0 no error-level finding, 1 errors (or more warnings than --max-warnings, or a file that could not',
        'be checked), 2 usage error.',
        '',
        'Examples:',
        '  postmortem check',
        '  postmortem check postmortems/ --format sarif -o postmortem.sarif',
        '  postmortem check "docs/**/*.md" --fix',
        '  git diff --name-only origin/main... -- \'*.md\' | postmortem check --files-from -',
      ].join('\n'))
      .action(async (paths: string[], flags: CheckFlags, command: Command) => {
        const debug = flags.debug === true || command.optsWithGlobals<{ debug?: boolean }>().debug === true;
        if (flags.fix && flags.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
        if (flags.fixDryRun && flags.format !== 'text') throw new UsageError('--fix-dry-run prints a diff; it cannot be combined with --format');
        const listed = flags.filesFrom === undefined ? [] : await readPathList(context, flags.filesFrom);
        const report = await runCheck(context, {
          paths: [...paths, ...listed],
          // Listed paths are what a diff touched: the team's globs still decide which of them are postmortems.
          listed: listed.length,
          discover: flags.filesFrom === undefined,
          config: flags.config,
          fix: flags.fix === true,
          fixDryRun: flags.fixDryRun === true,
          cache: flags.cache === true || flags.cacheLocation !== undefined,
          cacheLocation: flags.cacheLocation,
          jobs: flags.jobs,
          budgetMs: flags.timeout,
          lineHashes: flags.format === 'sarif',
          debug,
          version: VERSION,
        });
        for (const p of report.problems) context.stderr.write(`postmortem: ${p.path ? `${p.path}: ` : ''}${p.message}\n`);
        const hint = noPostmortemHint(report);
        if (hint) context.stderr.write(`postmortem: ${hint}\n`);
        const toFile = flags.outputFile !== undefined;
        const colour = !toFile && !flags.fixDryRun && useColour(context.stdout.isTTY, context.env);
        const output = flags.format === 'json' ? formatJson(report, VERSION)
          : flags.format === 'sarif' ? formatSarif(report, VERSION)
          : formatText(report, colour ? COLOUR : PLAIN);
        if (flags.fixDryRun) context.stderr.write(`${summaryLine(report, PLAIN)}\n`);
        else if (toFile) {
          const file = path.resolve(context.cwd, flags.outputFile!);
          try {
            if (!fs.existsSync(path.dirname(file))) fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, output);
          } catch (error) {
            throw new UserError(`${flags.outputFile}: cannot write the report (${reason(error)})`, 2);
          }
          context.stderr.write(`${summaryLine(report, PLAIN)}\n`);
        } else context.stdout.write(output);
        const counts = countFindings(report.files);
        const tooManyWarnings = flags.maxWarnings !== undefined && counts.warnings > flags.maxWarnings;
        if (tooManyWarnings) context.stderr.write(`postmortem: ${counts.warnings} warnings, more than --max-warnings ${flags.maxWarnings}\n`);
        const failed = counts.errors > 0 || tooManyWarnings || report.problems.some((p) => p.fails);
        context.setExitCode(failed ? 1 : 0);
      });
  },
};

/** Paths listed one a line in a file, or on standard input for `-`. */
async function readPathList(context: CliContext, source: string): Promise<string[]> {
  let text: string;
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of context.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    text = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      text = fs.readFileSync(path.resolve(context.cwd, source), 'utf8');
    } catch (error) {
      throw new UserError(`${source}: cannot read the list of files (${reason(error)})`);
    }
  }
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

/**
 * Markdown files were found and none is a postmortem: say why, and what to do, rather than a bare "0 postmortems
 * checked" (the globs may simply not fit the repository's layout).
 */
export function noPostmortemHint(report: CheckReport): string | undefined {
  if (report.files.length > 0 || report.notPostmortems === 0) return undefined;
  const scope = report.notPostmortemScope;
  const n = report.notPostmortems;
  const globs = scope && scope.globs.length ? ` (${scope.globs.join(', ')}${scope.settingsFile ? `, from ${scope.settingsFile}` : ', the default'})` : '';
  return `${n === 1 ? 'the Markdown file found is not a postmortem' : `none of the ${n} Markdown files found is a postmortem`}: `
    + `${n === 1 ? 'it matches' : 'they match'} no postmortem.files glob${globs} and ${n === 1 ? 'has' : 'have'} no "type: postmortem" in frontmatter. `
    + 'Name a file to check it anyway, or set postmortem.files in .vscode/settings.json.';
}
