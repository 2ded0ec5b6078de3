/**
 * The worker pool's own logic (server/src/analysisPool.ts) with real worker threads running a protocol stand-in
 * (fixtures/fakeAnalysisWorker.cjs): budgets, replacement, text re-sent to a replacement, a busy worker not holding
 * up another document, and a worker that cannot start. The real worker is covered over LSP in test/protocol/.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { AnalysisPool, type JobOutcome } from '../../../server/src/analysisPool';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { Logger } from '../../../server/src/service/types';

const WORKER = path.join(__dirname, 'fixtures', 'fakeAnalysisWorker.cjs');
const scope = { settings: { ...DEFAULT_SETTINGS }, workspaceFolders: [] };

interface FakeResult {
  uri: string;
  version: number;
  text: string;
  threadId: number;
  sentText: boolean;
}

/** Waits (bounded) for a condition on the pool's own state, driven by worker exit events. */
async function until(check: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('analysis pool', function () {
  this.timeout(30000);
  let pool: AnalysisPool;
  let logs: string[];

  function start(failStart = false): AnalysisPool {
    logs = [];
    const logger: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
    pool = new AnalysisPool({ workerFile: WORKER, workerData: { extensionRoot: '/', failStart } as never, logger, minWorkers: 2, maxWorkers: 3 });
    return pool;
  }
  const job = (uri: string, version: number, text: string, budgetMs = 10000) =>
    pool.run({ kind: 'analyze', uri, version, text: () => text, scope, args: null, budgetMs }) as Promise<JobOutcome<FakeResult>>;
  const done = (o: JobOutcome<FakeResult>): FakeResult => {
    assert.equal(o.status, 'done', JSON.stringify(o));
    return (o as { result: FakeResult }).result;
  };

  afterEach(() => pool?.dispose());

  it('sends the text once per version and keeps a document on its worker', async () => {
    start();
    const first = done(await job('a', 1, 'hello'));
    const again = done(await job('a', 1, 'hello'));
    assert.equal(first.sentText, true);
    assert.equal(again.sentText, false, 'the worker already holds version 1');
    assert.equal(again.threadId, first.threadId);
    assert.equal(done(await job('a', 2, 'hello!')).text, 'hello!');
  });

  it('stops a job past its budget, replaces the worker, and the other documents keep working', async () => {
    start();
    const b = done(await job('b', 1, 'keep me'));
    const slow = job('slow', 1, 'SPIN', 300);
    // While the slow job spins, another document is answered by another worker.
    const other = done(await job('c', 1, 'other'));
    assert.notEqual(other.threadId, undefined);
    const outcome = await slow;
    assert.deepEqual(outcome, { status: 'timeout', budgetMs: 300 });
    assert.ok(logs.some((l) => /took longer than 300 ms; replacing its worker/.test(l)));
    assert.ok(pool.size <= 3, `never more than maxWorkers (${pool.size})`);
    // b's text is sent again when its worker was the one replaced; either way the answer is b's text.
    assert.equal(done(await job('b', 1, 'keep me')).text, b.text);
  });

  it('re-sends the text when a worker no longer holds the version (after a replacement)', async () => {
    start();
    done(await job('d', 1, 'first'));
    const spin = job('d', 2, 'SPIN', 200);
    assert.equal((await spin).status, 'timeout');
    const after = done(await job('d', 3, 'third'));
    assert.equal(after.sentText, true);
    assert.equal(after.text, 'third');
  });

  it('drops a queued job that a newer version made stale', async () => {
    start();
    done(await job('e', 1, 'one'));
    const spinning = job('e', 2, 'SPIN', 300);
    const stale = pool.run({ kind: 'analyze', uri: 'e', version: 3, text: () => 'three', scope, args: null, budgetMs: 1000, isStale: () => true });
    assert.equal((await spinning).status, 'timeout');
    assert.deepEqual(await stale, { status: 'stale' });
  });

  it('stops restarting workers that cannot start, and says so', async () => {
    start(true);
    const outcome = await job('f', 1, 'x');
    assert.equal(outcome.status, 'failed');
    assert.ok(logs.some((l) => /fail to start/.test(l)), logs.join('\n'));
    await until(() => pool.size === 0, 'every failing worker removed, none restarted');
    assert.equal((await job('g', 1, 'y')).status, 'failed', 'later jobs fail at once');
  });
});
