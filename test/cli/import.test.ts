/** `postmortem import` end to end: the built CLI (dist/cli.js) as a child process, on copies of the fixtures. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const fixtures = path.join(root, 'test/fixtures/import');

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: postmortem import', () => {
  let tmp: string;
  before(() => assert.ok(fs.existsSync(cli), 'dist/cli.js missing: run `npm run build` first'));
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-import-'));
    for (const f of ['postmortem-table.md', 'postmortem-list.md', 'postmortem-no-timeline.md']) fs.copyFileSync(path.join(fixtures, f), path.join(tmp, f));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const read = (f: string) => fs.readFileSync(path.join(tmp, f), 'utf8');

  it('slack .zip: suggested messages of the incident window into the table; a second run changes nothing', () => {
    const before = read('postmortem-table.md');
    const first = run(['import', 'slack', path.join(fixtures, 'slack-export.zip'), '--into', 'postmortem-table.md', '--channel', 'inc-checkout-pool', '--yes'], tmp);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Added 7 entries to postmortem-table\.md \(0 already there\)\.$/m);
    const after = read('postmortem-table.md');
    assert.notEqual(after, before);
    assert.match(after, /\| 23:43 \| \*\*Alice Chen\*\*: @here paging @Bob Okafor/);
    assert.match(after, /\| 2024-03-10 00:03 \| \*\*Alice Chen\*\*: rollback done/);
    assert.match(after, /\| 03:30 \| \*\*Alice Chen\*\*: resolved: pool metrics normal/);
    assert.ok(!after.includes('coffee'), 'not suggested');
    assert.ok(!after.includes('postmortem review booked'), 'outside the window');
    assert.ok(!after.includes('deployed checkout-api 2.14'), 'before the margin');
    const second = run(['import', 'slack', path.join(fixtures, 'slack-export.zip'), '--into', 'postmortem-table.md', '--channel', 'inc-checkout-pool', '--yes'], tmp);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /nothing to add \(7 entries are already there\)/);
    assert.equal(read('postmortem-table.md'), after);
  });

  it('--select all --bots --participants --since/--until on the unpacked folder', () => {
    const r = run(['import', 'slack', path.join(fixtures, 'slack-export'), '--into', 'postmortem-table.md', '--channel', 'C0INC123',
      '--select', 'all', '--bots', '--participants', '--since', '2024-03-09T23:00:00Z', '--until', '2024-03-10T11:00:00Z', '--yes'], tmp);
    assert.equal(r.code, 0, r.stderr);
    const text = read('postmortem-table.md');
    assert.match(text, /\| 15:50 \| \*\*Carol Díaz\*\*: deployed checkout-api 2\.14/);
    assert.match(text, /\| 23:42 \| \*\*PagerDuty\*\*: Triggered #4711/);
    assert.match(text, /coffee/);
    assert.match(text, /participants:\n {2}- Alice Chen\n {2}- Carol Díaz\n {2}- Bob Okafor\n {2}- "Dave \| Ops <SRE>"\n/);
    assert.match(r.stdout, /Participants added: Carol Díaz, Bob Okafor, Dave \| Ops <SRE>/);
  });

  it('--dry-run prints what would be added and leaves the file alone', () => {
    const before = read('postmortem-list.md');
    const r = run(['import', 'teams', path.join(fixtures, 'teams', 'messages-page-1.json'), '--into', 'postmortem-list.md', '--select', 'all', '--dry-run'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Would add 5 entries to postmortem-list\.md \(0 already there\)/);
    assert.match(r.stdout, /\+ 2024-03-10 07:47Z {2}↳ Bob Okafor: pool max is 5/);
    assert.equal(read('postmortem-list.md'), before);
  });

  it('pagerduty: a new Timeline section and the metadata times', () => {
    const r = run(['import', 'pagerduty', path.join(fixtures, 'pagerduty'), '--into', 'postmortem-no-timeline.md', '--yes'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Metadata filled: detected, acknowledged, resolved/);
    const text = read('postmortem-no-timeline.md');
    assert.match(text, /^detected: 2024-03-10 07:42 UTC$/m);
    assert.match(text, /## Timeline\n\n- 07:42 — \*\*Datadog\*\*: Triggered: checkout 5xx rate above 5%/);
    const again = run(['import', 'pagerduty', path.join(fixtures, 'pagerduty'), '--into', 'postmortem-no-timeline.md', '--yes'], tmp);
    assert.equal(again.code, 0);
    assert.equal(read('postmortem-no-timeline.md'), text);
  });

  describe('broken input: one line, non-zero exit, file unchanged', () => {
    const cases: [string, (dir: string) => string[], RegExp][] = [
      ['missing export', (d) => ['import', 'slack', path.join(d, 'nope.zip'), '--into', 'postmortem-table.md'], /nope\.zip: no such file or folder/],
      ['not JSON', (d) => { fs.writeFileSync(path.join(d, 'log.json'), 'oops'); return ['import', 'pagerduty', 'log.json', '--into', 'postmortem-table.md']; }, /log\.json: not JSON/],
      ['a day file that is not a list', (d) => {
        fs.cpSync(path.join(fixtures, 'slack-export'), path.join(d, 'export'), { recursive: true });
        fs.writeFileSync(path.join(d, 'export', 'inc-checkout-pool', '2024-03-10.json'), '{"ok": true}');
        return ['import', 'slack', 'export', '--channel', 'inc-checkout-pool', '--into', 'postmortem-table.md'];
      }, /2024-03-10\.json: expected a list of messages/],
      ['unknown channel', () => ['import', 'slack', path.join(fixtures, 'slack-export.zip'), '--channel', 'war-room', '--into', 'postmortem-table.md'], /no channel "war-room" in the export \(channels: #inc-checkout-pool, #general\)|no channel "war-room" in the export \(channels: #general, #inc-checkout-pool\)/],
      ['export from another tool', () => ['import', 'slack', path.join(fixtures, 'pagerduty'), '--into', 'postmortem-table.md'], /not a Slack workspace export/],
      ['teams given a PagerDuty log', () => ['import', 'teams', path.join(fixtures, 'pagerduty'), '--into', 'postmortem-table.md'], /not Microsoft Graph chatMessage JSON/],
      ['missing target', () => ['import', 'pagerduty', path.join(fixtures, 'pagerduty'), '--into', 'nope.md'], /nope\.md: no such file/],
    ];
    for (const [name, args, message] of cases) {
      it(name, () => {
        const before = read('postmortem-table.md');
        const r = run(args(tmp), tmp);
        assert.equal(r.code, 1, `exit ${r.code}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, message);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.equal(read('postmortem-table.md'), before);
      });
    }
    it('a bad option is a usage error (exit 2)', () => {
      const r = run(['import', 'slack', path.join(fixtures, 'slack-export.zip'), '--into', 'postmortem-table.md', '--since', 'last tuesday'], tmp);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--since "last tuesday" is not a date/);
      const s = run(['import', 'hipchat', 'x', '--into', 'postmortem-table.md'], tmp);
      assert.equal(s.code, 2);
    });
  });
});
