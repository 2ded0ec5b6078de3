/**
 * The GitHub adapter's own retry and error logic, with nock standing in for the network (the full behaviour
 * against a GitHub-shaped server is test/trackers/github.test.ts): a create is never repeated blindly, a 5xx
 * answer is followed by a look before sending again, and every failure becomes a TrackerError a person can act on.
 */
import assert from 'node:assert/strict';
import nock from 'nock';
import { createTracker } from '../../../core/trackers/github';
import { TrackerError, type TicketDraft } from '../../../core/trackers/types';

const API = 'https://ghe.example.test/api/v3';
const draft: TicketDraft = { marker: 'pm-abcdef12', title: 'Add an alert', body: 'x\n\n<!-- postmortem-item: pm-abcdef12 -->', labels: ['postmortem-action-item'] };
const issue = (n: number, body = draft.body) => ({ number: n, html_url: `https://ghe.example.test/o/r/issues/${n}`, state: 'open', body });
const tracker = () => createTracker({ kind: 'github', repo: 'o/r', apiUrl: API }, { credentials: { token: 'secret-token-value' }, timeoutMs: 10_000, retry: { retries: 1 } });

async function failure(p: Promise<unknown>): Promise<TrackerError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof TrackerError, `a TrackerError, got ${String(e)}`);
    assert.doesNotMatch(e.message, /secret-token-value/);
    return e;
  }
  assert.fail('expected a failure');
}

describe('GitHub adapter: retries and errors (nock)', function () {
  this.timeout(20_000);
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('a 502 to a create: looks for the marker, finds none, sends the create again once', async () => {
    const scope = nock(API)
      .post('/repos/o/r/issues').reply(502, { message: 'Bad Gateway' })
      .get('/repos/o/r/issues').query({ labels: 'postmortem-action-item', state: 'all', per_page: '100' }).reply(200, [])
      .post('/repos/o/r/issues').reply(201, issue(1));
    const ref = await tracker().create(draft);
    assert.equal(ref.key, '#1');
    assert.ok(scope.isDone());
  });

  it('a 502 to a create that GitHub carried out anyway: found by the look, not sent again', async () => {
    const scope = nock(API)
      .post('/repos/o/r/issues').reply(502, { message: 'Bad Gateway' })
      .get('/repos/o/r/issues').query(true).reply(200, [issue(7)]);
    const ref = await tracker().create(draft);
    assert.equal(ref.key, '#7');
    assert.ok(scope.isDone());
  });

  it('a connection cut during a create is a network error, never retried by the client', async () => {
    const scope = nock(API).post('/repos/o/r/issues').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const err = await failure(tracker().create(draft));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /could not reach GitHub/);
    assert.ok(scope.isDone());
    assert.equal(nock.pendingMocks().length, 0);
  });

  it('401, 403, 404 and 422 become auth, auth, not-found and invalid with GitHub\'s own words', async () => {
    nock(API).post('/repos/o/r/issues').reply(401, { message: 'Bad credentials' });
    assert.equal((await failure(tracker().create(draft))).kind, 'auth');
    nock(API).post('/repos/o/r/issues').reply(403, { message: 'Resource not accessible by integration' });
    const forbidden = await failure(tracker().create(draft));
    assert.equal(forbidden.kind, 'auth');
    assert.match(forbidden.message, /Resource not accessible by integration/);
    nock(API).get('/repos/o/r/issues').query(true).reply(404, { message: 'Not Found' });
    assert.equal((await failure(tracker().findByMarkers(['pm-abcdef12']))).kind, 'not-found');
    nock(API).post('/repos/o/r/issues').reply(422, { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'assignees', code: 'invalid' }] });
    const invalid = await failure(tracker().create(draft));
    assert.equal(invalid.kind, 'invalid');
    assert.match(invalid.message, /assignees invalid/);
  });

  it('a list answering 500 is retried by the client and then read', async () => {
    const scope = nock(API)
      .get('/repos/o/r/issues').query(true).reply(500, { message: 'Server Error' })
      .get('/repos/o/r/issues').query(true).reply(200, [issue(3)]);
    const found = await tracker().findByMarkers(['pm-abcdef12']);
    assert.equal(found.get('pm-abcdef12')?.key, '#3');
    assert.ok(scope.isDone());
  });

  it('a repository that is not OWNER/NAME is refused before any request', () => {
    assert.throws(() => createTracker({ kind: 'github', repo: 'just-a-name' }, { credentials: { token: 't' } }), (e: unknown) => e instanceof TrackerError && e.kind === 'invalid');
  });
});
