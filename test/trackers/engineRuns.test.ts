// GitLab, Jira (Cloud and Data Center) and Linear through the ticket engine (core/trackers/engine.ts) and the
// real clients, against the local servers with faults: every run ends with exactly one ticket per open item,
// each link written back into the document next to its item's marker, and a second run creates nothing.
import assert from 'node:assert/strict';
import { runTickets, syncTickets } from '../../core/trackers/engine';
import { createTracker as gitlabTracker } from '../../core/trackers/gitlab';
import { createTracker as jiraTracker } from '../../core/trackers/jira';
import { createTracker as linearTracker } from '../../core/trackers/linear';
import { planTickets } from '../../core/trackers/plan';
import { MARKER_PATTERN, type Tracker, type TrackerConfig } from '../../core/trackers/types';
import { DOC, memoryDoc } from '../unit/trackers/engineFixtures';
import type { Fault, FakeServer } from './servers/common';
import { FakeGitLab, GITLAB_TOKEN } from './servers/gitlab';
import { FakeJira, JIRA_API_TOKEN, JIRA_EMAIL, JIRA_PAT } from './servers/jira';
import { FakeLinear, LINEAR_API_KEY } from './servers/linear';
import { recordedPolicy } from './support';

const ITEMS = ['Add an alert on checkout error rate', 'Document the rollback runbook', 'Review the 14:03 alert threshold'];

interface Ticket {
  title: string;
  body: string;
  key: string;
  url: string;
}

interface Setup {
  server: FakeServer;
  config: TrackerConfig;
  tracker(): Tracker;
  /** Every ticket the server holds. */
  tickets(): Ticket[];
  /** Closes, and deletes, the ticket with this key, as a person would in the tracker. */
  close(key: string): void;
  remove(key: string): void;
  stop(): Promise<void>;
}

type Scenario = [name: string, fault?: Fault, lag?: boolean];

/** `create`: matches the request that creates a ticket; `list`: the read that finds tickets by marker. */
const trackers: { name: string; create: Fault; list: Fault; start(): Promise<Setup>; scenarios: Scenario[] }[] = [
  {
    name: 'GitLab',
    create: { kind: 'error-500', method: 'POST', path: /\/issues$/ },
    list: { kind: 'error-500', method: 'GET', path: /\/issues$/ },
    async start() {
      const gitlab = new FakeGitLab();
      await gitlab.start();
      const config: TrackerConfig = { kind: 'gitlab', apiUrl: gitlab.server.url, project: 'ops/platform', labels: ['postmortem'] };
      return {
        server: gitlab.server, config,
        tracker: () => gitlabTracker(config, { credentials: { token: GITLAB_TOKEN }, retry: recordedPolicy(), timeoutMs: 400 }),
        tickets: () => gitlab.project('ops/platform').issues.map((i) => ({ title: i.title, body: i.description ?? '', key: i.references.full, url: i.web_url })),
        close: (key) => gitlab.close(gitlab.project('ops/platform').issues.find((i) => i.references.full === key)!),
        remove: (key) => gitlab.delete(gitlab.project('ops/platform').issues.find((i) => i.references.full === key)!),
        stop: () => gitlab.stop(),
      };
    },
    scenarios: [],
  },
  ...(['Cloud', 'Data Center'] as const).map((edition) => ({
    name: `Jira ${edition}`,
    create: { kind: 'error-500', method: 'POST', path: /\/issue$/ } as Fault,
    list: { kind: 'error-500', path: edition === 'Cloud' ? /\/search\/jql$/ : /\/search$/ } as Fault,
    async start(): Promise<Setup> {
      const jira = new FakeJira();
      await jira.start();
      const config: TrackerConfig = { kind: 'jira', apiUrl: jira.server.url, project: 'OPS', labels: ['postmortem'], users: { alice: edition === 'Cloud' ? '5b10ac8d82e05b22cc7d4ef5' : 'alice' } };
      const credentials = edition === 'Cloud' ? { email: JIRA_EMAIL, token: JIRA_API_TOKEN } : { token: JIRA_PAT };
      return {
        server: jira.server, config,
        tracker: () => jiraTracker(config, { credentials, retry: recordedPolicy(), timeoutMs: 400 }),
        tickets: () => jira.issues.map((i) => ({
          title: i.fields.summary, body: JSON.stringify(i.fields.description), key: i.key, url: `${jira.server.url}/browse/${i.key}`,
        })),
        close: (key: string) => jira.close(key),
        remove: (key: string) => jira.delete(key),
        stop: () => jira.stop(),
        lag: (on: boolean) => { jira.searchLag = on ? 1000 : 0; },
      } as Setup;
    },
    scenarios: [['a search index that lags every write', undefined, true], ['an answer lost after the issue was made, while the index lags', { kind: 'lose-response', method: 'POST', path: /\/issue$/ }, true]] as Scenario[],
  })),
  {
    name: 'Linear',
    create: { kind: 'error-500', body: /PostmortemIssueCreate/ },
    list: { kind: 'error-500', body: /PostmortemIssues\b/ },
    async start() {
      const linear = new FakeLinear();
      await linear.start();
      const config: TrackerConfig = { kind: 'linear', apiUrl: `${linear.server.url}/graphql`, team: 'ENG', labels: ['postmortem'], users: { alice: 'alice@example.com' } };
      return {
        server: linear.server, config,
        tracker: () => linearTracker(config, { credentials: { token: LINEAR_API_KEY }, retry: recordedPolicy(), timeoutMs: 400 }),
        tickets: () => linear.issues.map((i) => ({ title: i.title, body: i.description ?? '', key: i.identifier, url: i.url })),
        close: (key) => linear.complete(linear.issues.find((i) => i.identifier === key)!),
        remove: (key) => { linear.issues = linear.issues.filter((i) => i.identifier !== key); },
        stop: () => linear.stop(),
      };
    },
    scenarios: [],
  },
];

for (const t of trackers) {
  describe(`${t.name} through the ticket engine`, () => {
    let setup: Setup & { lag?: (on: boolean) => void };

    beforeEach(async () => { setup = await t.start(); });
    afterEach(() => setup.stop());

    async function run(doc: ReturnType<typeof memoryDoc>) {
      const options = { config: setup.config };
      return runTickets(doc.host, setup.tracker(), planTickets(await doc.host.read(), options), options);
    }

    function assertOneTicketEach(doc: ReturnType<typeof memoryDoc>): void {
      const tickets = setup.tickets();
      assert.deepEqual(tickets.map((i) => i.title).sort(), [...ITEMS].sort(), 'exactly one ticket per item');
      const lines = doc.text().split('\n');
      for (const ticket of tickets) {
        const marker = [...ticket.body.matchAll(MARKER_PATTERN)][0]?.[1];
        assert.ok(marker, `${ticket.key} carries a marker`);
        const line = lines.find((l) => l.includes(marker));
        assert.ok(line?.includes(`[${ticket.key}](${ticket.url})`), `link of ${ticket.key} written back next to ${marker}: ${line}`);
      }
      assert.deepEqual(setup.server.pendingFaults, [], 'every injected fault fired');
    }

    const scenarios: Scenario[] = [
      ['no fault'],
      ['a 500 on a create', t.create],
      ['a 500 on the read that finds tickets', t.list],
      ['a 429 with Retry-After on a create', { ...t.create, kind: 'rate-limit', retryAfter: 1 }],
      ['an answer lost after the issue was made', { ...t.create, kind: 'lose-response' }],
      ['a slow answer past the timeout', { ...t.create, kind: 'slow', delayMs: 1200 }],
      ...t.scenarios,
    ];
    for (const [name, fault, lag] of scenarios) {
      it(`${name}: one ticket per item, links written back, a second run creates nothing`, async () => {
        if (fault) setup.server.inject(fault);
        setup.lag?.(!!lag);
        const doc = memoryDoc(DOC);
        const first = await run(doc);
        assert.deepEqual(first.outcomes.map((o) => o.status), ['created', 'created', 'created'], JSON.stringify(first.outcomes));
        assert.equal(first.writeBack, 'done');
        assertOneTicketEach(doc);
        const written = doc.text();
        const second = await run(doc);
        assert.equal(second.outcomes.length, 0, 'every item has its ticket now');
        assert.equal(doc.text(), written);
        assertOneTicketEach(doc);
      });
    }

    it('sync: the item whose ticket was closed is ticked, a deleted ticket is reported', async () => {
      const doc = memoryDoc(DOC);
      await run(doc);
      const byTitle = new Map(setup.tickets().map((i) => [i.title, i]));
      setup.close(byTitle.get(ITEMS[0]!)!.key);
      setup.remove(byTitle.get(ITEMS[1]!)!.key);
      const result = await syncTickets(doc.host, setup.tracker());
      const state = (title: string) => result.items.find((i) => i.title === title)?.state;
      assert.equal(state(ITEMS[0]!), 'closed');
      assert.equal(state(ITEMS[1]!), 'deleted');
      assert.equal(state(ITEMS[2]!), 'open');
      assert.equal(result.writeBack, 'done');
      assert.match(doc.text(), new RegExp(`^- \\[x\\] ${ITEMS[0]}`, 'm'));
      assert.match(doc.text(), new RegExp(`^- \\[ \\] ${ITEMS[1]}`, 'm'));
    });

    it('an expired token: nothing created, the document keeps its items, the run says to sign in again', async () => {
      setup.server.inject({ kind: 'expired-token', times: 10 });
      const doc = memoryDoc(DOC);
      const result = await run(doc);
      assert.equal(result.authFailed, true);
      assert.ok(result.outcomes.every((o) => o.status === 'failed' && o.kind === 'auth'), JSON.stringify(result.outcomes));
      assert.deepEqual(setup.tickets(), []);
      assert.ok(ITEMS.every((item) => doc.text().includes(item)));
    });
  });
}
