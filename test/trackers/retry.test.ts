// Unit tests of the shared retry/backoff (core/trackers/retry.ts): nock answers plain fetch calls, the sleep is
// recorded instead of waited, so each test sees exactly which waits the policy chose and how many requests went out.
import assert from 'node:assert/strict';
import nock from 'nock';
import { TrackerError, type RetryPolicy } from '../../core/trackers/types';
import { askedWaitMs, networkFailure, redact, withRetry, type CallFailure, type RetryOptions } from '../../core/trackers/retry';
import { recordedPolicy } from './support';

const API = 'http://tracker.test';
const NOW = Date.parse('2026-01-01T00:00:00Z');

class HttpFailure extends Error {
  constructor(readonly status: number, readonly headers: Headers, readonly body: string) {
    super(`HTTP ${status}`);
  }
}

async function call(method: 'GET' | 'POST', path: string): Promise<string> {
  const response = await fetch(API + path, { method, headers: { authorization: 'Bearer s3cret-token' } });
  const body = await response.text();
  if (!response.ok) throw new HttpFailure(response.status, response.headers, body);
  return body;
}

function read(error: unknown): CallFailure | undefined {
  if (error instanceof HttpFailure) {
    const rateLimited = error.body.includes('RATELIMITED');
    return { status: error.status, headers: error.headers, message: error.body, rateLimited };
  }
  const network = networkFailure(error);
  return network ? { network } : undefined;
}

function options<T>(policy: RetryPolicy, extra: Partial<RetryOptions<T>> = {}): RetryOptions<T> {
  return { service: 'Tracker', host: 'tracker.test', policy, read, idempotent: true, now: () => NOW, random: () => 0.5, secrets: ['s3cret-token'], ...extra };
}

describe('retry: backoff and rate limits', () => {
  before(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  it('honours Retry-After in seconds on a 429', async () => {
    const scope = nock(API).get('/issues').reply(429, 'slow down', { 'Retry-After': '7' }).get('/issues').reply(200, 'ok');
    const policy = recordedPolicy();
    assert.equal(await withRetry(() => call('GET', '/issues'), options(policy)), 'ok');
    assert.deepEqual(policy.waits, [7000]);
    assert.ok(scope.isDone());
  });

  it('honours Retry-After as an HTTP date', async () => {
    nock(API).get('/issues').reply(429, '', { 'Retry-After': new Date(NOW + 12_000).toUTCString() }).get('/issues').reply(200, 'ok');
    const policy = recordedPolicy();
    await withRetry(() => call('GET', '/issues'), options(policy));
    assert.deepEqual(policy.waits, [12_000]);
  });

  it('reads GitLab RateLimit-Reset (Unix seconds), Jira X-RateLimit-Reset (ISO) and Linear X-RateLimit-Requests-Reset (ms)', () => {
    const gitlab = new Headers({ 'RateLimit-Reset': String(NOW / 1000 + 30) });
    assert.equal(askedWaitMs({ status: 429, headers: gitlab }, NOW), 30_000);
    const jira = new Headers({ 'X-RateLimit-Reset': new Date(NOW + 5000).toISOString() });
    assert.equal(askedWaitMs({ status: 429, headers: jira }, NOW), 5000);
    const linear = { 'x-ratelimit-requests-reset': String(NOW + 2500) };
    assert.equal(askedWaitMs({ status: 400, rateLimited: true, headers: linear }, NOW), 2500);
    // Reset headers say when a quota refills; they are no reason to wait after a plain 500.
    assert.equal(askedWaitMs({ status: 500, headers: gitlab }, NOW), undefined);
  });

  it('retries a GraphQL RATELIMITED answer (HTTP 400) after the reset Linear names', async () => {
    nock(API).post('/graphql')
      .reply(400, JSON.stringify({ errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] }), { 'X-RateLimit-Requests-Reset': String(NOW + 4000) })
      .post('/graphql').reply(200, '{"data":{}}');
    const policy = recordedPolicy();
    await withRetry(() => call('POST', '/graphql'), options(policy, { idempotent: false }));
    assert.deepEqual(policy.waits, [4000]);
  });

  it('backs off exponentially with jitter on 5xx and stops after the bounded number of retries', async () => {
    nock(API).get('/issues').times(5).reply(502, 'bad gateway');
    const policy = recordedPolicy({ retries: 4 });
    const random = [0, 1, 0.5, 0.25];
    const error = await withRetry(() => call('GET', '/issues'), options(policy, { random: () => random.shift() ?? 0 })).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.match(error.message, /after 4 retries/);
    // Ceilings 500, 1000, 2000, 4000 ms; equal jitter keeps each wait in [ceiling/2, ceiling].
    assert.deepEqual(policy.waits, [250, 1000, 1500, 2500]);
    assert.ok(nock.isDone());
  });

  it('fails at once, without sleeping, when the tracker asks for a wait beyond the bound', async () => {
    nock(API).get('/issues').reply(429, '', { 'Retry-After': '3600' });
    const policy = recordedPolicy({ maxWaitMs: 60_000 });
    const error = await withRetry(() => call('GET', '/issues'), options(policy)).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'rate-limit');
    assert.match(error.message, /asks to wait 3600 s/);
    assert.deepEqual(policy.waits, []);
  });

  it('turns 401 and 403 into "sign in again" without retrying', async () => {
    nock(API).get('/issues').reply(401, '{"message":"401 Unauthorized"}').get('/issues').reply(403, 'forbidden');
    for (const status of [401, 403]) {
      const policy = recordedPolicy();
      const error = await withRetry(() => call('GET', '/issues'), options(policy)).catch((e: unknown) => e);
      assert.ok(error instanceof TrackerError);
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, status);
      assert.match(error.message, /[Ss]ign in again/);
      assert.deepEqual(policy.waits, []);
    }
  });

  it('says plainly that the tracker could not be reached', async () => {
    nock(API).get('/issues').times(3).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    const policy = recordedPolicy({ retries: 2 });
    const error = await withRetry(() => call('GET', '/issues'), options(policy)).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'network');
    assert.equal(error.message, 'Could not reach Tracker at tracker.test (after 2 retries).');
  });

  it('after an uncertain failure of a create, looks again before repeating it', async () => {
    nock(API).post('/issues').reply(500, 'oops');
    let recovered = 0;
    const result = await withRetry(() => call('POST', '/issues'), options<string>(recordedPolicy(), {
      idempotent: false,
      recover: async () => { recovered++; return 'found-existing'; },
    }));
    assert.equal(result, 'found-existing');
    assert.equal(recovered, 1);
    assert.ok(nock.isDone());
  });

  it('repeats a create when a current read shows the first attempt made nothing', async () => {
    nock(API).post('/issues').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }).post('/issues').reply(201, 'created');
    const result = await withRetry(() => call('POST', '/issues'), options<string>(recordedPolicy(), { idempotent: false, recover: async () => undefined }));
    assert.equal(result, 'created');
  });

  it('never repeats a create after a lost response when it cannot look again', async () => {
    nock(API).post('/issues').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const policy = recordedPolicy();
    const error = await withRetry(() => call('POST', '/issues'), options(policy, { idempotent: false })).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'network');
    assert.match(error.message, /broke before it answered/);
    assert.deepEqual(policy.waits, []);
  });

  it('repeats a create declined with 429 or 503 + Retry-After without looking again', async () => {
    nock(API).post('/issues').reply(429, '', { 'Retry-After': '1' }).post('/issues').reply(503, '', { 'Retry-After': '2' }).post('/issues').reply(201, 'created');
    const policy = recordedPolicy();
    const result = await withRetry(() => call('POST', '/issues'), options<string>(policy, {
      idempotent: false,
      recover: async () => assert.fail('a declined request made nothing; nothing to look for'),
    }));
    assert.equal(result, 'created');
    assert.deepEqual(policy.waits, [1000, 2000]);
  });

  it('stops waiting when the signal aborts', async () => {
    nock(API).get('/issues').reply(503, 'down');
    const controller = new AbortController();
    const policy = recordedPolicy({
      async sleep() {
        controller.abort();
        throw new TrackerError('cancelled', 'Cancelled.');
      },
    });
    const error = await withRetry(() => call('GET', '/issues'), options(policy, { signal: controller.signal })).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'cancelled');
  });

  it('never puts the token in a message', async () => {
    nock(API).get('/issues').reply(400, 'bad header authorization: Bearer s3cret-token');
    const error = await withRetry(() => call('GET', '/issues'), options(recordedPolicy())).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError);
    assert.equal(error.kind, 'invalid');
    assert.doesNotMatch(error.message, /s3cret/);
    assert.equal(redact('private-token: glpat-abcdef'), 'private-token: ***');
  });
});
