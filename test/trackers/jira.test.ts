// The Jira adapter (core/trackers/jira.ts) through the real jira.js clients (Version3Client for Cloud,
// Version2Client for Data Center) against the local Jira stand-in, with faults and a lagging search index;
// every fault must end with exactly one issue per action item.
import assert from 'node:assert/strict';
import { createTracker as createJiraTracker } from '../../core/trackers/jira';
import { TICKET_LABEL, TrackerError, type Tracker, type TrackerDeps } from '../../core/trackers/types';
import { FakeJira, JIRA_API_TOKEN, JIRA_EMAIL, JIRA_PAT } from './servers/jira';
import { assertExactlyOne, draft, ensureAll, ensureTickets, freshSetup, type RecordedPolicy } from './support';

describe('Jira adapter against the local Jira server', () => {
  let jira: FakeJira;
  let policy: RecordedPolicy;
  let logs: string[];

  function cloud(deps: Partial<TrackerDeps> = {}): Tracker {
    return createJiraTracker(
      { kind: 'jira', apiUrl: jira.server.url, project: 'OPS', labels: ['postmortem'] },
      { credentials: { email: JIRA_EMAIL, token: JIRA_API_TOKEN }, retry: policy, log: (m) => logs.push(m), ...deps },
    );
  }

  function dataCenter(): Tracker {
    return createJiraTracker({ kind: 'jira', apiUrl: jira.server.url, project: 'OPS', issueType: 'Bug' }, { credentials: { token: JIRA_PAT }, retry: policy });
  }

  beforeEach(async () => {
    ({ fake: jira, policy, logs } = await freshSetup(new FakeJira()));
  });
  afterEach(() => jira.stop());

  it('Cloud: creates with project key, Task, labels, accountId, due date, priority name and an ADF body carrying the marker', async () => {
    const d = draft(1, { assignee: '5b10ac8d82e05b22cc7d4ef5', due: '2026-02-01', priority: 'high', type: 'detect', body: 'Add **paging** for [queue depth](https://example.com/q).\n\n- one\n- two\n\n<!-- postmortem-item: pm-1a2b3c01 -->' });
    const { created, tickets } = await ensureTickets(cloud(), [d]);
    assert.deepEqual(created, [d.marker]);
    const sent = jira.created[0]!;
    assert.equal(sent.api, 3);
    assert.deepEqual(sent.fields.project, { key: 'OPS' });
    assert.deepEqual(sent.fields.issuetype, { name: 'Task' });
    assert.deepEqual(sent.fields.labels, [TICKET_LABEL, 'postmortem', 'incident-42', 'type-detect']);
    assert.deepEqual(sent.fields.assignee, { accountId: '5b10ac8d82e05b22cc7d4ef5' });
    assert.equal(sent.fields.duedate, '2026-02-01');
    assert.deepEqual(sent.fields.priority, { name: 'High' });
    const adf = sent.fields.description as { content: { type: string; content: { text: string; marks?: unknown[] }[] }[] };
    assert.deepEqual(adf.content.map((b) => b.type), ['paragraph', 'bulletList', 'paragraph']);
    assert.deepEqual(adf.content[0]!.content[1], { type: 'text', text: 'paging', marks: [{ type: 'strong' }] });
    assert.equal(adf.content[2]!.content[0]!.text, '<!-- postmortem-item: pm-1a2b3c01 -->');
    assert.deepEqual(tickets.get(d.marker), { marker: d.marker, key: 'OPS-1', url: `${jira.server.url}/browse/OPS-1`, state: 'open' });
  });

  it('Data Center: PAT as Bearer, REST v2, wiki body, assignee by name', async () => {
    const d = draft(1, { assignee: 'alice', body: 'Add **paging**; see [runbook](https://example.com/r).\n\n<!-- postmortem-item: pm-1a2b3c01 -->' });
    await ensureTickets(dataCenter(), [d]);
    const sent = jira.created[0]!;
    assert.equal(sent.api, 2);
    assert.deepEqual(sent.fields.issuetype, { name: 'Bug' });
    assert.deepEqual(sent.fields.assignee, { name: 'alice' });
    assert.equal(sent.fields.description, 'Add *paging*; see [runbook|https://example.com/r].\n\n<!-- postmortem-item: pm-1a2b3c01 -->');
    assert.equal((await ensureTickets(dataCenter(), [d])).created.length, 0);
    assertExactlyOne(jira, [d]);
  });

  it('a lagging search index: a new run finds what the index does not show yet (no duplicate)', async () => {
    jira.searchLag = 1000;
    const drafts = [draft(1), draft(2), draft(3)];
    assert.equal((await ensureTickets(cloud(), drafts)).created.length, 3);
    for (const make of [cloud, dataCenter]) {
      const again = await ensureTickets(make(), drafts);
      assert.deepEqual(again.created, []);
      assert.deepEqual(drafts.map((d) => again.tickets.get(d.marker)!.key), ['OPS-1', 'OPS-2', 'OPS-3']);
    }
    assertExactlyOne(jira, drafts);
  });

  it('in one session, the keys just created are reconciled with the search', async () => {
    jira.searchLag = 1000;
    const tracker = cloud();
    const d = draft(1);
    await tracker.create(d);
    assert.equal((await tracker.findByMarkers([d.marker])).get(d.marker)?.key, 'OPS-1');
    assert.deepEqual(jira.reconciled, [[jira.get('OPS-1')!.id]], 'the search was asked to reconcile the new issue');
  });

  it('a response lost after the issue was made, with a lagging index: found again, not made again', async () => {
    jira.searchLag = 1000;
    jira.inject({ kind: 'lose-response', method: 'POST', path: /\/issue$/ });
    const drafts = [draft(1), draft(2)];
    const runs = await ensureAll(() => cloud(), drafts);
    assert.equal(runs[0]!.failed.size, 0);
    assertExactlyOne(jira, drafts);
    assert.equal(jira.server.requests('POST', /\/issue$/).length, 2);
  });

  it('a 500 on create: looks, finds nothing, creates once', async () => {
    jira.inject({ kind: 'error-500', method: 'POST', path: /\/issue$/, times: 2 });
    const drafts = [draft(1)];
    const runs = await ensureAll(() => cloud(), drafts);
    assert.equal(runs.length, 1);
    assertExactlyOne(jira, drafts);
  });

  it('429 with Retry-After and X-RateLimit-Reset: waits what Jira asks', async () => {
    jira.inject({ kind: 'rate-limit', method: 'POST', path: /search\/jql$/, retryAfter: 5 });
    jira.inject({ kind: 'rate-limit', method: 'POST', path: /\/issue$/, retryAfter: 2 });
    const drafts = [draft(1)];
    await ensureAll(() => cloud(), drafts);
    assertExactlyOne(jira, drafts);
    assert.deepEqual(policy.waits, [5000, 2000]);
  });

  it('a slow answer past the request timeout: one issue', async () => {
    jira.searchLag = 1000;
    jira.inject({ kind: 'slow', method: 'POST', path: /\/issue$/, delayMs: 1500 });
    const drafts = [draft(1)];
    const runs = await ensureAll(() => cloud({ timeoutMs: 300 }), drafts);
    assert.equal(runs[0]!.failed.size, 0);
    assertExactlyOne(jira, drafts);
  });

  it('an expired token: asks to sign in again and never shows the credentials', async () => {
    jira.inject({ kind: 'expired-token', times: 3 });
    const error = await cloud().findByMarkers([draft(1).marker]).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Sign in again/);
    const basic = Buffer.from(`${JIRA_EMAIL}:${JIRA_API_TOKEN}`).toString('base64');
    for (const secret of [JIRA_API_TOKEN, basic]) assert.ok(!JSON.stringify([error.message, logs]).includes(secret));
    assert.equal(jira.created.length, 0);
  });

  it('a field Jira rejects: a clear message naming the field', async () => {
    const error = await cloud().create(draft(1, { assignee: 'not-an-account' })).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'invalid');
    assert.match(error.message, /assignee: Specify a valid value for assignee/);
  });

  it('a project whose create screen has no priority: the ticket is made without it, and the log says so', async () => {
    jira.offScreen = ['priority'];
    const d = draft(1, { priority: 'P1', due: '2026-02-01' });
    const { created } = await ensureTickets(cloud(), [d]);
    assert.deepEqual(created, [d.marker]);
    assert.equal(jira.created[0]!.fields.priority, undefined);
    assert.equal(jira.created[0]!.fields.duedate, '2026-02-01');
    assert.ok(logs.some((l) => l.includes('does not take priority on create')));
    assertExactlyOne(jira, [d]);
  });

  it('status: open, closed (statusCategory done), deleted (404), moved (key changed)', async () => {
    const drafts = [draft(1), draft(2), draft(3), draft(4)];
    const { tickets } = await ensureTickets(cloud(), drafts);
    jira.close('OPS-2');
    jira.delete('OPS-3');
    const movedKey = jira.move('OPS-4', 'ARCH');
    const states = await cloud().status(drafts.map((d) => tickets.get(d.marker)!));
    assert.deepEqual(drafts.map((d) => states.get(d.marker)!.state), ['open', 'closed', 'deleted', 'moved']);
    assert.equal(states.get(drafts[3]!.marker)!.movedTo, `${jira.server.url}/browse/${movedKey}`);
    // A moved ticket still counts as the item's ticket: no second one is made.
    assert.equal((await ensureTickets(cloud(), [drafts[3]!])).created.length, 0);
  });
});
