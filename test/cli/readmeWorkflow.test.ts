import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { parse } from 'yaml';
import { githubErrors, schemaErrors } from '../unit/cli/sarifRules';
import { CLI, ensureBuilt, fixtureRepository, git, ROOT } from './support';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

/** The README's GitHub Actions workflow (the yaml block of "In GitHub Actions") and the one-line command after it. */
function readmeCi(): { steps: Step[]; oneLine: string } {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### In GitHub Actions'));
  const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(section);
  const shBlock = /```sh\n([\s\S]*?)```/.exec(section);
  assert.ok(yamlBlock && shBlock, 'the README has the workflow and the one-line command');
  const workflow = parse(yamlBlock[1]!) as { jobs: Record<string, { steps: Step[] }> };
  return { steps: Object.values(workflow.jobs)[0]!.steps, oneLine: shBlock[1]!.trim() };
}

/** A step's `run:` as GitHub runs it by default on Linux (`bash -e {0}`), in the checkout, with a pull request's variables. */
function runStep(script: string, cwd: string) {
  return spawnSync('bash', ['-e', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature', CI: 'true' },
    timeout: 120_000,
  });
}

/**
 * A repository as actions/checkout leaves it for a pull request (fetch-depth 0): the CLI vendored at
 * tools/postmortem.js, `origin/main` at the base commit, HEAD at the pull request's commit.
 */
function pullRequestRepository(change: (dir: string) => void): string {
  const dir = fixtureRepository();
  fs.mkdirSync(path.join(dir, 'tools'));
  fs.copyFileSync(CLI, path.join(dir, 'tools/postmortem.js'));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'vendor the postmortem CLI');
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  change(dir);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'the pull request');
  return dir;
}

describe('README: the CI commands, exactly as written', () => {
  before(ensureBuilt);

  it('the workflow checks only the postmortems the pull request changes and leaves SARIF for upload-sarif', () => {
    const { steps } = readmeCi();
    const runs = steps.filter((s) => s.run);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    assert.ok(runs.length >= 1 && upload?.with?.['sarif_file']);
    const dir = pullRequestRepository((d) => {
      const webhooks = path.join(d, 'postmortems/client-webhooks.md');
      fs.writeFileSync(webhooks, fs.readFileSync(webhooks, 'utf8').replace('Broker pair healthy again', 'Broker pair healthy again (edited)'));
      fs.writeFileSync(path.join(d, 'postmortems/new-incident.md'), ['---', 'title: New', 'severity: SEV2', 'status: draft', 'started: 2024-05-02 10:00 UTC', 'resolved: 2024-05-02 09:00 UTC', '---', '', '# New', ''].join('\n'));
      fs.writeFileSync(path.join(d, 'notes.md'), '# Not a postmortem\n');
      fs.rmSync(path.join(d, 'postmortems/preview-basic.md'));
    });
    let last;
    for (const step of runs) last = runStep(step.run!, dir);
    assert.equal(last!.status, 1, `${last!.stdout}\n${last!.stderr}`);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, upload!.with!['sarif_file']!), 'utf8')) as Log;
    assert.deepEqual(schemaErrors(sarif), []);
    assert.deepEqual(githubErrors(sarif), []);
    const files = new Set(sarif.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri));
    assert.deepEqual([...files].sort(), ['postmortems/client-webhooks.md', 'postmortems/new-incident.md']);
    assert.deepEqual(sarif.runs[0]!.invocations![0]!.toolExecutionNotifications, []);
  });

  it('a pull request that changes no Markdown leaves an empty, valid SARIF and passes', () => {
    const { steps } = readmeCi();
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    const dir = pullRequestRepository((d) => fs.writeFileSync(path.join(d, 'build.sh'), 'echo hi\n'));
    for (const step of steps.filter((s) => s.run)) assert.equal(runStep(step.run!, dir).status, 0);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, upload.with!['sarif_file']!), 'utf8')) as Log;
    assert.deepEqual(schemaErrors(sarif), []);
    assert.deepEqual(sarif.runs[0]!.results, []);
  });

  it('the one line for any other CI fails the build on an error in a changed postmortem only', () => {
    const { oneLine } = readmeCi();
    const clean = pullRequestRepository((d) => {
      const webhooks = path.join(d, 'postmortems/client-webhooks.md');
      fs.writeFileSync(webhooks, `${fs.readFileSync(webhooks, 'utf8')}\nOne more line.\n`);
    });
    const ok = runStep(oneLine, clean);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /in 1 of 1 postmortem checked/);
    const broken = pullRequestRepository((d) => {
      fs.writeFileSync(path.join(d, 'postmortems/broken.md'), ['---', 'title: [unclosed', '---', '', '# Broken', ''].join('\n'));
    });
    const failed = runStep(oneLine, broken);
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /^postmortems\/broken\.md:\d+:\d+ {2}error .+ {2}frontmatter-invalid$/m);
  });
});
