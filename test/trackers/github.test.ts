/**
 * The GitHub adapter through the real Octokit client (throttling + retry plugins) and the ticket engine, against
 * the local GitHub server with injected faults. Every scenario ends with exactly one ticket per item, the links
 * written back, no use of the search endpoint, and no request or answer outside GitHub's OpenAPI description.
 */
import assert from 'node:assert/strict';
import { runTickets, syncTickets } from '../../core/trackers/engine';
import { createTracker } from '../../core/trackers/github';
import { planTickets } from '../../core/trackers/plan';
import { MARKER_PATTERN, TICKET_LABEL, type Tracker } from '../../core/trackers/types';
import { DOC, memoryDoc } from '../unit/trackers/engineFixtures';
import { GitHubServer, type GitHubFault } from './servers/github';

const ITEMS = ['Add an alert on checkout error rate', 'Document the rollback runbook', 'Review the 14:03 alert threshold'];

describe('GitHub tickets against the local GitHub server', function () {
  this.timeout(60_000);
  let server: GitHubServer;

  beforeEach(async () => { server = await new GitHubServer().start(); });
  afterEach(async () => { await server.stop(); });

  const tracker = (token = 'test-token'): Tracker =>
    createTracker({ kind: 'github', repo: 'octo/app', apiUrl: server.url, labels: ['postmortem'] }, { credentials: { token }, timeoutMs: 15_000 });

  async function run(doc: ReturnType<typeof memoryDoc>, t = tracker()) {
    const config = { kind: 'github' as const, repo: 'octo/app', labels: ['postmortem'] };
    return runTickets(doc.host, t, planTickets(await doc.host.read(), { config }), { config });
  }

  /** One ticket per item, each carrying the marker the document gives its item, and the link in the item. */
  function assertOneTicketEach(doc: ReturnType<typeof memoryDoc>): void {
    const live = server.live();
    assert.deepEqual(live.map((i) => i.title).sort(), [...ITEMS].sort(), 'exactly one ticket per item');
    const text = doc.text();
    for (const issue of live) {
      const marker = [...issue.body.matchAll(MARKER_PATTERN)][0]![1]!;
      const line = text.split('\n').find((l) => l.includes(marker));
      assert.ok(line, `the document holds ${marker}`);
      assert.ok(line!.includes(`[#${issue.number}](${server.url}/octo/app/issues/${issue.number})`), `link of #${issue.number} written back: ${line}`);
      assert.ok(issue.labels.includes(TICKET_LABEL) && issue.labels.includes('postmortem'));
    }
    assert.deepEqual(server.violations, [], 'requests and answers match GitHub\'s OpenAPI description');
    assert.ok(!server.requests.some((r) => r.includes('/search/')), 'the search endpoint is never used');
  }

  it('creates one ticket per open item and a second run creates nothing', async () => {
    const doc = memoryDoc(DOC);
    const first = await run(doc);
    assert.deepEqual(first.outcomes.map((o) => o.status), ['created', 'created', 'created']);
    assert.equal(server.live()[0]!.assignees.length, 1);
    const after = doc.text();
    const second = await run(doc);
    assert.equal(second.outcomes.length, 0);
    assert.equal(doc.text(), after);
    assert.equal(server.requests.filter((r) => r.startsWith('POST')).length, 3);
    assertOneTicketEach(doc);
  });

  const faults: [string, string, RegExp, GitHubFault][] = [
    ['a 500 answer to a create (looked for, then sent again)', 'POST', /\/issues$/, { kind: 'status500' }],
    ['a 500 answer to the list (retried)', 'GET', /\/issues$/, { kind: 'status500' }],
    ['a 429 with Retry-After', 'POST', /\/issues$/, { kind: 'status429', retryAfter: 1 }],
    ['a 403 secondary rate limit', 'POST', /\/issues$/, { kind: 'secondary403', retryAfter: 1 }],
    ['a slow answer', 'POST', /\/issues$/, { kind: 'slow', delayMs: 1500 }],
    ['an answer lost after the issue was made', 'POST', /\/issues$/, { kind: 'lostResponse' }],
  ];
  for (const [name, method, path, fault] of faults) {
    it(`survives ${name}: one ticket each`, async () => {
      server.inject(method, path, fault);
      const doc = memoryDoc(DOC);
      const result = await run(doc);
      assert.deepEqual(result.outcomes.map((o) => o.status), ['created', 'created', 'created'], JSON.stringify(result.outcomes));
      assertOneTicketEach(doc);
    });
  }

  it('a 429 waits as long as Retry-After says', async () => {
    server.inject('POST', /\/issues$/, { kind: 'status429', retryAfter: 2 });
    const doc = memoryDoc(DOC);
    const started = Date.now();
    await run(doc);
    assert.ok(Date.now() - started >= 2000, 'the retry came after Retry-After');
    assertOneTicketEach(doc);
  });

  it('a lost answer while the search index lags: found through the list, not created again', async () => {
    server.searchLagMs = 10 * 60_000;
    server.inject('POST', /\/issues$/, { kind: 'lostResponse' });
    server.inject('POST', /\/issues$/, { kind: 'lostResponse' });
    const doc = memoryDoc(DOC);
    await run(doc);
    assert.equal(server.requests.filter((r) => r.startsWith('POST')).length, 3, 'no create was sent twice');
    assertOneTicketEach(doc);
  });

  it('an expired token: nothing is created, the run says to sign in again; signed in again, one ticket each', async () => {
    const doc = memoryDoc(DOC);
    const expired = await run(doc, tracker('expired-token'));
    assert.equal(expired.authFailed, true);
    assert.ok(expired.outcomes.every((o) => o.status === 'failed' && o.kind === 'auth' && /sign in again|credentials/.test(o.error)), JSON.stringify(expired.outcomes));
    assert.equal(server.issues.length, 0);
    const again = await run(doc);
    assert.deepEqual(again.outcomes.map((o) => o.status), ['created', 'created', 'created']);
    assertOneTicketEach(doc);
  });

  it('finds an earlier ticket past the first page of the label list', async () => {
    const doc = memoryDoc(DOC);
    await run(doc);
    // The links were lost (not saved), and 150 newer labelled tickets push the earlier ones to page 2.
    doc.set(doc.text().replace(/,? ?\(?ticket: \[#\d+\]\(http:\/\/127[^)]*\)\)?/g, ''));
    for (let n = 0; n < 150; n++) {
      server.issues.push({ ...server.issues[0]!, id: 5000 + n, number: 100 + n, title: `other ${n}`, body: 'no marker', createdAt: Date.now() + 1000 + n });
    }
    const again = await run(doc);
    assert.deepEqual(again.outcomes.map((o) => o.status), ['found', 'found', 'found']);
    assert.ok(server.requests.some((r) => /GET \/repos\/octo\/app\/issues\?.*page=2/.test(r)), 'read the second page');
    assert.equal(server.live().filter((i) => i.body.includes('postmortem-item')).length, 3);
    assert.deepEqual(server.violations, []);
  });

  it('sync ticks closed tickets and reports deleted and moved ones', async () => {
    const doc = memoryDoc(DOC);
    await run(doc);
    const [a, b, c] = [...server.live()].sort((x, y) => x.number - y.number);
    a!.state = 'closed';
    b!.deleted = true;
    server.issues.push({ ...c!, id: 7777, owner: 'octo', repo: 'platform', number: 1 });
    c!.movedTo = { owner: 'octo', repo: 'platform', number: 1 };
    const result = await syncTickets(doc.host, tracker());
    const by = new Map(result.items.map((i) => [i.key, i]));
    assert.equal(by.get('#1')!.state, 'closed');
    assert.equal(by.get('#1')!.ticked, true);
    assert.equal(by.get('#2')!.state, 'deleted');
    assert.equal(by.get('#3')!.state, 'moved');
    assert.equal(by.get('#3')!.movedTo, `${server.url}/octo/platform/issues/1`);
    assert.match(doc.text().split('\n').find((l) => l.includes('Add an alert'))!, /^- \[x\] /);
    assert.deepEqual(server.violations, []);
  });
});
