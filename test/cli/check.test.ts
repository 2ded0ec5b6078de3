import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { githubErrors, schemaErrors } from '../unit/cli/sarifRules';
import { CLI, ensureBuilt, fixtureRepository, ROOT, run } from './support';

/** Every Markdown file of the fixture workspace is a postmortem. */
const FIXTURE_POSTMORTEMS = fs.readdirSync(path.join(ROOT, 'test/fixtures/workspace/postmortems')).filter((f) => f.endsWith('.md')).length;

describe('postmortem (dist/cli.js as a child process)', () => {
  let repo: string;
  before(() => {
    ensureBuilt();
    repo = fixtureRepository();
  });

  it('--version and --help', () => {
    const version = run(CLI, ['--version'], repo);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const help = run(CLI, ['check', '--help'], repo);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: postmortem check/);
  });

  it('npx postmortem runs the bin entry from a checkout (no download: --no)', () => {
    const npm = spawnSync('npm', ['exec', '--no', '--', 'postmortem', '--version'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(npm.status, 0, npm.stderr);
    assert.equal(npm.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('starts with the #!/usr/bin/env node line the bin entry needs', () => {
    assert.match(fs.readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    assert.ok((fs.statSync(CLI).mode & 0o111) !== 0, 'the build makes dist/cli.js executable (npm made it so only at install)');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.bin.postmortem, 'dist/cli.js');
  });

  it('check: the fixture repository\'s findings, grouped, with a summary (worker threads)', () => {
    const r = run(CLI, ['check'], repo);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^postmortems\/client-webhooks\.md:37:1 {2}warning {2}Timeline out of order: .+ {2}timeline-order$/m);
    assert.match(r.stdout, new RegExp(`✖ \\d+ problems \\(0 errors, \\d+ warnings, 1 info, \\d+ hints?\\) in ${FIXTURE_POSTMORTEMS - 1} of ${FIXTURE_POSTMORTEMS} postmortems checked; \\d+ fixable with --fix\n$`));
    assert.equal(r.stderr, '');
  });

  it('the same findings with workers and in-process (--jobs 0)', () => {
    const workers = run(CLI, ['check', '--format', 'json', '--jobs', '2'], repo);
    const inline = run(CLI, ['check', '--format', 'json', '--jobs', '0'], repo);
    assert.deepEqual(JSON.parse(workers.stdout).files, JSON.parse(inline.stdout).files);
  });

  it('exit 1 on an error-level finding, 2 on a usage error', () => {
    fs.writeFileSync(path.join(repo, '.vscode-settings.json'), '{ "postmortem.rules": { "timeline-order": "error" } }');
    const r = run(CLI, ['check', '--config', '.vscode-settings.json'], repo);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /error {4}Timeline out of order/);
    const usage = run(CLI, ['check', '--formt', 'json'], repo);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /unknown option '--formt'[\s\S]*Did you mean --format\?/);
  });

  it('--format sarif passes the OASIS schema and GitHub\'s rules', () => {
    const r = run(CLI, ['check', '--format', 'sarif'], repo);
    const log = JSON.parse(r.stdout) as Log;
    assert.deepEqual(schemaErrors(log), []);
    assert.deepEqual(githubErrors(log), []);
    assert.ok(log.runs[0]!.results!.length > 10);
  });

  it('a hostile document over its time budget gets one finding and the run goes on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-budget-'));
    fs.cpSync(path.join(repo, 'postmortems'), path.join(dir, 'postmortems'), { recursive: true });
    const rows = Array.from({ length: 12_000 }, (_, i) => `| 2024-05-01 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | step ${i} [link](http://x/${i}) *emphasis* **strong** \`code\` |`);
    const hostile = ['---', 'title: Hostile', 'severity: SEV2', 'status: draft', '---', '', '# Hostile', '', '## Timeline', '', '| Time | Event |', '| --- | --- |', ...rows, ''].join('\n');
    fs.writeFileSync(path.join(dir, 'postmortems/hostile-big.md'), hostile);
    // The editor's own setting is the budget; --timeout overrides it.
    fs.mkdirSync(path.join(dir, '.vscode'));
    fs.writeFileSync(path.join(dir, '.vscode/settings.json'), '{ "postmortem.analysis.timeBudgetMs": 100 }\n');
    for (const [args, budget] of [[[], '100 ms'], [['--timeout', '150'], '150 ms']] as const) {
      const r = run(CLI, ['check', '--format', 'json', ...args], dir);
      const json = JSON.parse(r.stdout);
      const big = json.files.find((f: { path: string }) => f.path === 'postmortems/hostile-big.md');
      assert.deepEqual(big.findings.map((f: { code: string }) => f.code), ['analysis-timeout']);
      assert.match(big.findings[0].message, new RegExp(`took longer than its ${budget} budget`));
      assert.equal(json.files.length, FIXTURE_POSTMORTEMS + 1, 'every other postmortem is still checked');
      assert.equal(r.code, 1);
    }
  });

  it('the single file runs alone: dist/cli.js copied to an empty folder, with node and nothing else', () => {
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-alone-'));
    const copy = path.join(alone, 'postmortem.js');
    fs.copyFileSync(CLI, copy);
    const r = run(copy, ['check', '--format', 'json'], repo);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).summary.postmortems, FIXTURE_POSTMORTEMS);
    assert.deepEqual(fs.readdirSync(alone), ['postmortem.js']);
  });

  it('a file named on the command line is checked even when postmortem.files does not match its name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-named-'));
    // Outside every default glob (no postmortems/ folder, no "postmortem" in the name), with a glob character in it.
    const text = fs.readFileSync(path.join(repo, 'postmortems/client-webhooks.md'), 'utf8').replace(/^type: postmortem\n/m, '');
    assert.doesNotMatch(text, /type: postmortem/);
    fs.writeFileSync(path.join(dir, 'outage notes [v2].md'), text);
    const named = run(CLI, ['check', '--format', 'json', 'outage notes [v2].md'], dir);
    const json = JSON.parse(named.stdout);
    assert.equal(json.summary.postmortems, 1, named.stdout);
    assert.ok(json.files[0].findings.some((f: { code: string }) => f.code === 'timeline-order'));
    // Found by walking a folder, the same file is not a postmortem: the team's globs decide there.
    const walked = JSON.parse(run(CLI, ['check', '--format', 'json', '.'], dir).stdout);
    assert.equal(walked.summary.postmortems, 0);
  });

  it('metrics and model', () => {
    const metrics = run(CLI, ['metrics', '--format', 'csv'], repo);
    assert.equal(metrics.code, 0, metrics.stderr);
    assert.match(metrics.stdout, /^postmortems\/client-webhooks\.md,/m);
    const model = run(CLI, ['model', 'postmortems/client-webhooks.md'], repo);
    assert.equal(JSON.parse(model.stdout).isPostmortem, true);
  });

  it('--cache: a warm run answers from the cache file with the same report', () => {
    const cold = run(CLI, ['check', '--cache', '--cache-location', '.cache/pm'], repo);
    assert.ok(fs.existsSync(path.join(repo, '.cache/pm')));
    const warm = run(CLI, ['check', '--cache', '--cache-location', '.cache/pm'], repo);
    assert.equal(warm.stdout, cold.stdout);
  });
});
