// The GitLab adapter (core/trackers/gitlab.ts) through the real @gitbeaker/rest client against the local GitLab
// stand-in, with faults injected; every fault must end with exactly one issue per action item.
import assert from 'node:assert/strict';
import { createTracker as createGitLabTracker } from '../../core/trackers/gitlab';
import { TICKET_LABEL, TrackerError, type Tracker, type TrackerDeps } from '../../core/trackers/types';
import { FakeGitLab, GITLAB_TOKEN } from './servers/gitlab';
import { assertExactlyOne, draft, ensureAll, ensureTickets, freshSetup, recordedPolicy, type RecordedPolicy } from './support';

/** Waits for a condition the server reports, bounded (no fixed sleep). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'condition reached');
}

describe('GitLab adapter against the local GitLab server', () => {
  let gitlab: FakeGitLab;
  let policy: RecordedPolicy;
  let logs: string[];

  function tracker(deps: Partial<TrackerDeps> = {}): Tracker {
    return createGitLabTracker(
      { kind: 'gitlab', apiUrl: gitlab.server.url, project: 'ops/platform', labels: ['postmortem'] },
      { credentials: { token: GITLAB_TOKEN }, retry: policy, log: (m) => logs.push(m), ...deps },
    );
  }

  beforeEach(async () => {
    ({ fake: gitlab, policy, logs } = await freshSetup(new FakeGitLab()));
  });
  afterEach(() => gitlab.stop());

  it('creates issues with the documented fields, and a second run creates nothing', async () => {
    const drafts = [draft(1, { assignee: 'alice', due: '2026-02-01', priority: 'P1', type: 'prevent' }), draft(2)];
    const first = await ensureTickets(tracker(), drafts);
    assert.deepEqual(first.created, drafts.map((d) => d.marker));
    const sent = gitlab.created[0]!;
    assert.equal(sent.title, drafts[0]!.title);
    assert.equal(sent.description, drafts[0]!.body);
    assert.deepEqual(String(sent.labels).split(','), [TICKET_LABEL, 'postmortem', 'incident-42', 'priority::urgent', 'type::prevent']);
    assert.deepEqual(sent.assignee_ids, [41]);
    assert.equal(sent.due_date, '2026-02-01');
    const ref = first.tickets.get(drafts[0]!.marker)!;
    assert.equal(ref.key, 'ops/platform#1');
    assert.equal(ref.url, `${gitlab.server.url}/ops/platform/-/issues/1`);
    assert.equal(ref.state, 'open');

    const second = await ensureTickets(tracker(), drafts);
    assert.deepEqual(second.created, []);
    assert.equal(second.tickets.get(drafts[1]!.marker)!.key, 'ops/platform#2');
    assertExactlyOne(gitlab, drafts);
    // The list was read with the label, all states, every scope: a list endpoint, not search.
    assert.ok(gitlab.server.requests('GET', /\/issues$/).length >= 2);
  });

  it('finds a marker on a later page of the labelled issues', async () => {
    const project = gitlab.project('ops/platform');
    const many = Array.from({ length: 230 }, (_, i) => draft(100 + i));
    for (const d of many) gitlab.insert(project, { title: d.title, description: d.body, labels: [TICKET_LABEL] });
    // Newest first: the oldest ticket is on the third page of 100.
    const found = await tracker().findByMarkers([many[0]!.marker]);
    assert.equal(found.get(many[0]!.marker)?.key, 'ops/platform#1');
    assert.equal(gitlab.server.requests('GET', /\/issues$/).length, 3);
  });

  it('retries a 500 on create: one issue', async () => {
    gitlab.inject({ kind: 'error-500', method: 'POST', path: /\/issues$/, times: 2 });
    const drafts = [draft(1), draft(2)];
    const runs = await ensureAll(() => tracker(), drafts);
    assert.equal(runs.length, 1);
    assertExactlyOne(gitlab, drafts);
    assert.equal(policy.waits.length, 2);
  });

  it('waits as long as Retry-After says on 429, for reads and creates', async () => {
    gitlab.inject({ kind: 'rate-limit', method: 'GET', path: /\/issues$/, retryAfter: 3 });
    gitlab.inject({ kind: 'rate-limit', method: 'POST', path: /\/issues$/, retryAfter: 2 });
    const drafts = [draft(1)];
    await ensureAll(() => tracker(), drafts);
    assertExactlyOne(gitlab, drafts);
    assert.deepEqual(policy.waits, [3000, 2000]);
  });

  it('a response lost after the issue was made: looks again, does not create again', async () => {
    gitlab.inject({ kind: 'lose-response', method: 'POST', path: /\/issues$/ });
    const drafts = [draft(1), draft(2)];
    const runs = await ensureAll(() => tracker(), drafts);
    assert.equal(runs[0]!.failed.size, 0);
    assertExactlyOne(gitlab, drafts);
    assert.equal(gitlab.server.requests('POST', /\/issues$/).length, 2);
  });

  it('a slow answer after the issue was made (request timeout): one issue', async () => {
    gitlab.inject({ kind: 'slow', method: 'POST', path: /\/issues$/, delayMs: 1500 });
    const drafts = [draft(1)];
    const runs = await ensureAll(() => tracker({ timeoutMs: 300 }), drafts);
    assert.equal(runs[0]!.failed.size, 0);
    assertExactlyOne(gitlab, drafts);
    assert.equal(gitlab.server.requests('POST', /\/issues$/).length, 1);
  });

  it('an expired token: asks to sign in again, creates nothing, never shows the token', async () => {
    gitlab.inject({ kind: 'expired-token', times: 5 });
    const error = await tracker().findByMarkers([draft(1).marker]).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Sign in again/);
    assert.equal(gitlab.created.length, 0);
    assert.ok(!JSON.stringify([error.message, logs]).includes(GITLAB_TOKEN));
  });

  it('cancelling stops a slow request at once and creates nothing more', async () => {
    gitlab.inject({ kind: 'slow', method: 'GET', path: /\/issues$/, delayMs: 20_000 });
    const controller = new AbortController();
    const pending = tracker().findByMarkers([draft(1).marker], controller.signal).catch((e: unknown) => e);
    await waitFor(() => gitlab.server.log.length > 0);
    controller.abort();
    const error = await pending;
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'cancelled');
    assert.equal(gitlab.created.length, 0);
  });

  it('an unreachable server says so plainly', async () => {
    const url = gitlab.server.url;
    await gitlab.stop();
    const error = await createGitLabTracker({ kind: 'gitlab', apiUrl: url, project: 'ops/platform' }, { credentials: { token: GITLAB_TOKEN }, retry: recordedPolicy({ retries: 1 }) })
      .findByMarkers(['pm-1a2b3c01']).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'network');
    assert.match(error.message, /^Could not reach GitLab at 127\.0\.0\.1:\d+/);
  });

  it('an unknown assignee: the issue is created without one and the log says why', async () => {
    await ensureTickets(tracker(), [draft(1, { assignee: 'nobody' })]);
    assert.equal(gitlab.created[0]!.assignee_ids, undefined);
    assert.ok(logs.some((l) => l.includes('no user "nobody"')));
  });

  it('status: open, closed, deleted, moved', async () => {
    const drafts = [draft(1), draft(2), draft(3), draft(4)];
    const { tickets } = await ensureTickets(tracker(), drafts);
    const issues = gitlab.project('ops/platform').issues;
    gitlab.close(issues[1]!);
    gitlab.delete(issues[2]!);
    const moved = gitlab.move(issues[3]!, 'ops/archive');
    const refs = drafts.map((d) => tickets.get(d.marker)!);
    const states = await tracker().status(refs);
    assert.deepEqual(drafts.map((d) => states.get(d.marker)!.state), ['open', 'closed', 'deleted', 'moved']);
    assert.equal(states.get(drafts[3]!.marker)!.movedTo, moved.web_url);
  });
});
