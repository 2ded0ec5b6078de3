/**
 * `postmortem tickets` end to end: the built dist/cli.js as a child process against the local GitHub server,
 * writing the links into the file. Run `npm run build` first (test-all builds before the suites).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOC } from '../unit/trackers/engineFixtures';
import { GitHubServer } from './servers/github';
import { cli, CLI } from './support';

describe('postmortem tickets (the built CLI against the local GitHub server)', function () {
  this.timeout(60_000);
  let server: GitHubServer;
  let dir: string;
  let file: string;
  const env = { GITHUB_TOKEN: 'test-token' };
  const base = () => ['tickets', file, '--tracker', 'github', '--repo', 'octo/app', '--api-url', server.url];

  before(() => assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm run build)'));
  beforeEach(async () => {
    server = await new GitHubServer().start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-tickets-'));
    file = path.join(dir, 'outage.md');
    fs.writeFileSync(file, DOC);
  });
  afterEach(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates one ticket per open item with --yes, writes the links into the file; a second run creates nothing', async () => {
    const first = await cli([...base(), '--yes', '--label', 'incident'], env);
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /3 tickets created in github octo\/app/);
    assert.equal(server.live().length, 3);
    assert.ok(server.live().every((i) => i.labels.includes('incident')));
    const text = fs.readFileSync(file, 'utf8');
    for (const issue of server.live()) assert.ok(text.includes(`[#${issue.number}](${server.url}/octo/app/issues/${issue.number})`), text);
    const second = await cli([...base(), '--yes'], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /No ticket to create/);
    assert.equal(server.requests.filter((r) => r.startsWith('POST')).length, 3, 'the second run created nothing');
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.deepEqual(server.violations, []);
  });

  it('without a terminal and without --yes: prints the plan, creates nothing, exits non-zero', async () => {
    const r = await cli(base(), env);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /3 tickets to create in github octo\/app/);
    assert.match(r.stdout, /Add an alert on checkout error rate \(assignee alice; due 2024-06-01; labels postmortem-action-item, priority:P1, type:detect\)/);
    assert.match(r.stderr, /--yes/);
    assert.equal(server.issues.length, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), DOC, 'the file is untouched');
  });

  it('--dry-run shows the plan as JSON and needs no token', async () => {
    const r = await cli([...base(), '--dry-run', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.plan.target, 'github octo/app');
    assert.deepEqual(out.plan.tickets.map((t: { title: string }) => t.title), ['Add an alert on checkout error rate', 'Document the rollback runbook', 'Review the 14:03 alert threshold']);
    assert.deepEqual(out.plan.skipped.map((s: { reason: string }) => s.reason).sort(), ['done', 'has-ticket', 'needs-discussion']);
    assert.equal(server.requests.length, 0);
  });

  it('usage errors exit 2 with one clear line: a missing token, a bad tracker, a missing file', async () => {
    const noToken = await cli([...base(), '--yes']);
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /GITHUB_TOKEN/);
    const badTracker = await cli(['tickets', file, '--tracker', 'trello'], env);
    assert.equal(badTracker.code, 2);
    assert.match(badTracker.stderr, /--tracker must be one of github, gitlab, jira, linear/);
    const missing = await cli(['tickets', path.join(dir, 'nope.md'), '--repo', 'octo/app'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/);
    assert.equal(server.issues.length, 0);
  });

  it('an expired token: exit 1, says to sign in again, nothing created, the token never printed', async () => {
    const r = await cli([...base(), '--yes'], { GITHUB_TOKEN: 'expired-secret-token' });
    assert.equal(r.code, 1);
    // The adapter's error crosses from dist/trackers/github.js into the engine's bundle and keeps its kind (auth).
    assert.match(r.stdout, /The tracker refused the credentials: sign in again\./);
    assert.match(r.stdout, /failed  Add an alert on checkout error rate: .*401 Bad credentials/);
    assert.doesNotMatch(r.stdout + r.stderr, /expired-secret-token/);
    assert.equal(server.issues.length, 0);
  });

  it('--sync ticks the items whose tickets were closed and reports deleted ones', async () => {
    assert.equal((await cli([...base(), '--yes'], env)).code, 0);
    const [a, b] = [...server.live()].sort((x, y) => x.number - y.number);
    a!.state = 'closed';
    b!.deleted = true;
    const r = await cli([...base(), '--sync'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /#1 is closed: item ticked/);
    assert.match(r.stdout, /#2 was deleted/);
    assert.match(fs.readFileSync(file, 'utf8'), /^- \[x\] Add an alert on checkout error rate/m);
  });
});
