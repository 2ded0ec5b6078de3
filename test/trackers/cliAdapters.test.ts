/**
 * `postmortem tickets` end to end for GitLab, Jira (Cloud and Data Center) and Linear: the built dist/cli.js as a
 * child process, loading the bundled adapters from dist/trackers/, against the local servers. Twice (the second
 * run creates nothing), then --sync. Run `npm run build` first (test-all builds before the suites).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOC } from '../unit/trackers/engineFixtures';
import { FakeGitLab, GITLAB_TOKEN } from './servers/gitlab';
import { FakeJira, JIRA_API_TOKEN, JIRA_EMAIL, JIRA_PAT } from './servers/jira';
import { FakeLinear, LINEAR_API_KEY } from './servers/linear';
import { cli, CLI } from './support';

interface Case {
  name: string;
  start(): Promise<{ args: string[]; env: Record<string, string>; links(): string[]; closeFirst(): void; creates(): number; stop(): Promise<void> }>;
}

const cases: Case[] = [
  {
    name: 'gitlab',
    async start() {
      const s = new FakeGitLab();
      await s.start();
      const issues = () => s.project('ops/platform').issues;
      return {
        args: ['--tracker', 'gitlab', '--project', 'ops/platform', '--api-url', s.server.url], env: { GITLAB_TOKEN },
        links: () => issues().map((i) => `[${i.references.full}](${i.web_url})`), closeFirst: () => s.close(issues()[0]!),
        creates: () => s.created.length, stop: () => s.stop(),
      };
    },
  },
  ...[['jira', { JIRA_EMAIL, JIRA_API_TOKEN }], ['jira', { JIRA_PAT }]].map(([name, env]) => ({
    name: `${name} (${'JIRA_PAT' in (env as object) ? 'Data Center' : 'Cloud'})`,
    async start() {
      const s = new FakeJira();
      await s.start();
      s.searchLag = 1000;
      return {
        args: ['--tracker', 'jira', '--project', 'OPS', '--api-url', s.server.url], env: env as Record<string, string>,
        links: () => s.issues.map((i) => `[${i.key}](${s.server.url}/browse/${i.key})`), closeFirst: () => s.close(s.issues[0]!.key),
        creates: () => s.created.length, stop: () => s.stop(),
      };
    },
  })),
  {
    name: 'linear',
    async start() {
      const s = new FakeLinear();
      await s.start();
      return {
        args: ['--tracker', 'linear', '--team', 'ENG', '--api-url', s.server.url], env: { LINEAR_API_KEY },
        links: () => s.issues.map((i) => `[${i.identifier}](${i.url})`), closeFirst: () => s.complete(s.issues[0]!),
        creates: () => s.createInputs.length, stop: () => s.stop(),
      };
    },
  },
];

describe('postmortem tickets (the built CLI) against the local GitLab, Jira and Linear servers', function () {
  this.timeout(60_000);
  before(() => assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm run build)'));

  for (const c of cases) {
    it(`${c.name}: --yes creates one ticket per item and writes the links; a second run creates nothing; --sync ticks a closed one`, async () => {
      const server = await c.start();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-trackers-'));
      const file = path.join(dir, 'outage.md');
      fs.writeFileSync(file, DOC);
      try {
        const first = await cli(['tickets', file, ...server.args, '--yes'], server.env);
        assert.equal(first.code, 0, first.stderr + first.stdout);
        assert.equal(server.creates(), 3);
        const text = fs.readFileSync(file, 'utf8');
        for (const link of server.links()) assert.ok(text.includes(link), `${link} in\n${text}`);
        for (const secret of Object.values(server.env)) assert.ok(!(first.stdout + first.stderr).includes(secret));

        const second = await cli(['tickets', file, ...server.args, '--yes'], server.env);
        assert.equal(second.code, 0, second.stderr);
        assert.equal(server.creates(), 3, 'the second run created nothing');
        assert.equal(fs.readFileSync(file, 'utf8'), text);

        server.closeFirst();
        const sync = await cli(['tickets', file, ...server.args, '--sync'], server.env);
        assert.equal(sync.code, 0, sync.stderr + sync.stdout);
        assert.match(fs.readFileSync(file, 'utf8'), /^- \[x\] Add an alert on checkout error rate/m);
      } finally {
        await server.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
