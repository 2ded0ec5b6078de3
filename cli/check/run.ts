/**
 * `postmortem check`: the files, each read once (bad input reported one line each), answered from the cache or
 * analysed by the pool, fixed in place when asked (re-read just before writing), gathered into one report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliContext } from '../context';
import { DEFAULT_MAX_DOCUMENT_SIZE } from '../../server/src/service/index';
import { lineHashes } from '../format/fingerprint';
import { unifiedDiff } from '../format/diff';
import { createAnalyzer, defaultJobs, type Outcome } from '../pool';
import type { AnalyzeResult, ReportedFinding } from './analyzeFile';
import { contentHash, keyOf, ResultCache, type CachedResult } from './cache';
import { collectTargets, displayPath, type Target } from './files';
import type { CheckReport, FileReport, InputProblem } from './report';
import { gitRoot, reason, WorkspaceResolver, type FileScope } from './workspace';

export interface CheckOptions {
  paths: string[];
  /** How many of `paths`, at the end, came from `--files-from` (never "named": the globs decide for them). */
  listed?: number;
  /** With no paths, look for postmortems under the current folder (false: an empty `--files-from` list). */
  discover?: boolean;
  config?: string;
  fix: boolean;
  fixDryRun: boolean;
  cache: boolean;
  cacheLocation?: string;
  /** Worker threads (0: in-process). */
  jobs?: number;
  budgetMs?: number;
  /** Compute `primaryLocationLineHash` for each finding's line (SARIF). */
  lineHashes: boolean;
  debug: boolean;
  version: string;
}

/** How many files are read ahead of the workers (bounded memory whatever the number of files). */
const READ_AHEAD_PER_JOB = 4;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function runCheck(context: CliContext, options: CheckOptions): Promise<CheckReport> {
  const problems: InputProblem[] = [];
  const report: CheckReport = { files: [], problems, notPostmortems: 0 };
  const fail = (p: string | undefined, message: string) => problems.push({ ...(p ? { path: p } : {}), message, fails: true });
  const resolver = new WorkspaceResolver(context.cwd, options.config, (message) => fail(undefined, message));
  const named = options.paths.length - (options.listed ?? 0);
  const targets = collectTargets(context.cwd, options.paths, (message) => fail(undefined, message), options.discover ?? true, named);
  const repoRoot = gitRoot(context.cwd) ?? context.cwd;
  const cache = options.cache ? ResultCache.open(context.cwd, options.cacheLocation, options.version) : undefined;
  const analyzer = createAnalyzer({ workerScript: context.workerScript, jobs: options.jobs, budgetMs: options.budgetMs, debug: options.debug });
  const maxSize = DEFAULT_MAX_DOCUMENT_SIZE;
  const fixing = options.fix || options.fixDryRun;
  const keys = new Map<FileScope, string>();
  // Findings may depend on the day ("now" is part of the service's input, for due dates): entries last a day.
  const today = new Date().toISOString().slice(0, 10);
  const configKey = (scope: FileScope): string => {
    let key = keys.get(scope);
    if (key === undefined) {
      key = keyOf([options.version, scope.settings, scope.folder, schemaText(scope), today]);
      keys.set(scope, key);
    }
    return key;
  };

  const checkOne = async (target: Target): Promise<void> => {
    const read = readBytes(target, maxSize, repoRoot);
    if ('message' in read) {
      problems.push(read);
      return;
    }
    const scope = resolver.scopeFor(target.file);
    const key = configKey(scope);
    const hash = cache ? contentHash(read.bytes) : '';
    let result: CachedResult & Partial<AnalyzeResult> | undefined = cache?.get(target.file, hash, key);
    if (result && fixing && result.fixable > 0) result = undefined;
    // The text is decoded only when needed: a cache hit without SARIF or fixing never decodes it.
    let original: string | undefined;
    if (!result) {
      const decoded = decodeText(target, read.bytes, repoRoot);
      if (typeof decoded !== 'string') {
        problems.push(decoded);
        return;
      }
      original = decoded;
      const outcome = await analyzer.analyze({ uri: pathToFileURL(target.file).href, text: original, scope: WorkspaceResolver.serviceScope(scope, target.explicit ? target.file : undefined), fix: fixing });
      if (!outcome.ok) {
        // The file is known to be a candidate but its analysis was abandoned: one finding says so, the run goes on.
        report.files.push(fileReport(target, repoRoot, [failureFinding(outcome)], 0, original, options.lineHashes));
        return;
      }
      result = outcome.result;
      if (cache && outcome.result.cacheable && !outcome.result.fixed) cache.set(target.file, hash, key, outcome.result);
    }
    if (!result.isPostmortem) {
      report.notPostmortems++;
      // The first by path, whichever worker answers first: the hint is the same on every run.
      if (!report.notPostmortemScope || target.display < report.notPostmortemScope.display) {
        report.notPostmortemScope = { display: target.display, globs: scope.settings.files, ...(scope.settingsFile ? { settingsFile: displayPath(context.cwd, scope.settingsFile) } : {}) };
      }
      return;
    }
    let text = original;
    let fixed = false;
    if (result.notFixed) problems.push({ path: target.display, message: `not fixed: ${result.notFixed}`, fails: false });
    if (result.fixed !== undefined && original !== undefined) {
      if (options.fixDryRun) {
        context.stdout.write(unifiedDiff(`a/${target.display}`, `b/${target.display}`, original, result.fixed));
      } else {
        const written = writeFixed(target, read.bytes, result.fixed);
        if (written) fail(target.display, written);
        else {
          text = result.fixed;
          fixed = true;
          if (cache && result.cacheable) cache.set(target.file, contentHash(Buffer.from(text, 'utf8')), key, result as CachedResult);
        }
      }
    }
    const file = fileReport(target, repoRoot, result.findings, result.fixable, () => text ?? utf8.decode(read.bytes), options.lineHashes);
    if (fixed) file.fixed = true;
    report.files.push(file);
  };

  try {
    const inFlight = new Set<Promise<void>>();
    const limit = Math.max(4, (options.jobs ?? defaultJobs()) * READ_AHEAD_PER_JOB);
    for (const target of targets) {
      const p: Promise<void> = checkOne(target).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await analyzer.close();
  }
  const saved = cache?.save();
  if (saved && options.debug) context.stderr.write(`postmortem: could not write the cache ${cache!.file}: ${saved}\n`);
  report.files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return report;
}

/** The file's bytes, or the one line that says why it cannot be checked. */
function readBytes(target: Target, maxSize: number, repoRoot: string | undefined): { bytes: Buffer } | InputProblem {
  const problem = problemOf(target, repoRoot);
  let bytes: Buffer;
  try {
    const stat = fs.statSync(target.file);
    if (!stat.isFile()) return problem('not a regular file; skipped');
    if (stat.size > maxSize) return problem(`${megabytes(stat.size)} is over the ${megabytes(maxSize)} size limit; not checked`);
    bytes = fs.readFileSync(target.file);
  } catch (error) {
    return problem(`cannot be read (${reason(error)}); not checked`);
  }
  if (bytes.length === 0) return problem('empty file; nothing to check', false);
  if (bytes.subarray(0, 8000).includes(0)) return problem('binary content, not a text file; not checked');
  return { bytes };
}

/** The bytes as UTF-8 text (a BOM kept, as GitHub's fingerprinting reads it), or the line that says they are not. */
function decodeText(target: Target, bytes: Buffer, repoRoot: string | undefined): string | InputProblem {
  try {
    return utf8.decode(bytes);
  } catch {
    return problemOf(target, repoRoot)('not valid UTF-8 text; not checked');
  }
}

/** The file's text, or the one line that says why it cannot be checked. */
export function readTarget(target: Target, maxSize: number, repoRoot?: string): { text: string } | InputProblem {
  const read = readBytes(target, maxSize, repoRoot);
  if ('message' in read) return read;
  const text = decodeText(target, read.bytes, repoRoot);
  return typeof text === 'string' ? { text } : text;
}

function problemOf(target: Target, repoRoot: string | undefined): (message: string, fails?: boolean) => InputProblem {
  const repoPath = repoRoot === undefined ? undefined : path.relative(repoRoot, target.file).split(path.sep).join('/');
  return (message, fails = true) => ({ path: target.display, ...(repoPath ? { repoPath } : {}), message, fails });
}

/** Writes the fixed text unless the file changed since it was read; returns why it did not write, if it did not. */
function writeFixed(target: Target, original: Buffer, fixed: string): string | undefined {
  try {
    const now = fs.readFileSync(target.file);
    if (!now.equals(original)) return 'changed on disk while being checked; not fixed (run again)';
    fs.writeFileSync(target.file, fixed, 'utf8');
    return undefined;
  } catch (error) {
    return `could not be fixed (${reason(error)})`;
  }
}

function fileReport(target: Target, repoRoot: string, findings: ReportedFinding[], fixable: number, text: string | (() => string), withHashes: boolean): FileReport {
  const report: FileReport = {
    file: target.file,
    display: target.display,
    repoPath: path.relative(repoRoot, target.file).split(path.sep).join('/'),
    findings,
    fixable,
  };
  if (withHashes && findings.length) {
    const all = lineHashes(typeof text === 'string' ? text : text());
    report.lineHashes = {};
    for (const f of findings) {
      const line = f.range.start.line + 1;
      const hash = all[line - 1];
      if (hash) report.lineHashes[line] = hash;
    }
  }
  return report;
}

function failureFinding(outcome: Exclude<Outcome, { ok: true }>): ReportedFinding {
  const zero = { line: 0, character: 0 };
  return {
    code: outcome.reason === 'timeout' ? 'analysis-timeout' : 'analysis-failed',
    severity: 'error',
    message: outcome.reason === 'timeout' ? `Not checked: ${outcome.message}.` : `Not checked: the analysis failed (${outcome.message}).`,
    range: { start: zero, end: zero },
  };
}

function schemaText(scope: FileScope): string {
  const ref = scope.settings.schema.trim();
  if (!ref || /^https?:/i.test(ref)) return '';
  try {
    return fs.readFileSync(ref.startsWith('file://') ? new URL(ref).pathname : path.resolve(scope.folder, ref), 'utf8');
  } catch {
    return '';
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
