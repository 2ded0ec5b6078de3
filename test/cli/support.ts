/**
 * The end-to-end suite runs the built `dist/cli.js` as CI would: a child process of `node`. It builds first when
 * the bundle is missing or older than any source it is built from (test-all's build step usually did it already).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (/\.(ts|json)$/.test(entry.name)) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

let built = false;
export function ensureBuilt(): void {
  if (built) return;
  const sources = Math.max(...['cli', 'server/src', 'common', 'schemas'].map((d) => newest(path.join(ROOT, d))));
  if (!fs.existsSync(CLI) || fs.statSync(CLI).mtimeMs < sources) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  }
  built = true;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node <script> ...args` in `cwd`, with a clean environment (no colour forced, no TTY). */
export function run(script: string, args: string[], cwd: string, options: { input?: string; env?: Record<string, string> } = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [script, ...args], {
    cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), ...options.env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp git repository holding the fixture workspace's postmortems (one commit). */
export function fixtureRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-e2e-'));
  fs.cpSync(path.join(ROOT, 'test/fixtures/workspace/postmortems'), path.join(dir, 'postmortems'), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
