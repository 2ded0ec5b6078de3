/**
 * The analysis workers and their budget, seen from the server's main thread.
 *
 * Each document has a home worker (its parser state lives there, so a keystroke re-parses one chunk). A job goes
 * to the home worker when it is idle or busy with the same document (versions of one document run in order);
 * when the home is busy with another document, the job moves to an idle worker, or a new one up to `maxWorkers`,
 * so a slow document never holds up the others (one spare worker is kept warm while the others are busy; workers
 * beyond `minWorkers` stay for the session). Each job has a time budget: past it the worker is terminated,
 * a fresh one takes its place, its other queued jobs move there (their text is sent again) and the job answers
 * `timeout`. Nothing here knows LSP.
 */
import { Worker } from 'node:worker_threads';
import type { ControlMessage, JobKind, JobMessage, JobTypes, WorkerOptions, WorkerReply } from './analysisProtocol';
import type { DocumentScope } from './service/index';
import type { Logger } from './service/types';

export type JobOutcome<R> =
  | { status: 'done'; result: R; ms: number }
  | { status: 'timeout'; budgetMs: number }
  /** The worker failed or exited; nothing was learned about the document. */
  | { status: 'failed'; error: string }
  /** The job was dropped before it ran: a newer version superseded it. */
  | { status: 'stale' };

export interface JobRequest<K extends JobKind> {
  kind: K;
  uri: string;
  version: number;
  /** The document's text (called only when the worker does not hold this version). */
  text: () => string;
  scope: DocumentScope;
  args: JobTypes[K]['args'];
  budgetMs: number;
  /** Checked just before the job starts: true drops it (`stale`). */
  isStale?: () => boolean;
}

export interface PoolOptions {
  /** The worker script (dist/analysisWorker.js). */
  workerFile: string;
  workerData: WorkerOptions;
  logger: Logger;
  /** Workers started up front. */
  minWorkers?: number;
  /** Never more than this many at once. */
  maxWorkers?: number;
}

interface Pending {
  request: JobRequest<JobKind>;
  resolve: (outcome: JobOutcome<unknown>) => void;
  /** Sent once with text already (after a `missingText` answer): do not loop. */
  resent?: boolean;
}

class Slot {
  readonly worker: Worker;
  /** uri -> version of the text this worker holds. */
  readonly held = new Map<string, number>();
  readonly queue: Pending[] = [];
  running?: { id: number; pending: Pending; timer: NodeJS.Timeout; started: number };
  /** The worker has loaded and warmed up: budgets start counting only then. */
  ready = false;
  dead = false;

  constructor(options: PoolOptions, onReply: (slot: Slot, reply: WorkerReply) => void, onExit: (slot: Slot, why: string) => void) {
    this.worker = new Worker(options.workerFile, { workerData: options.workerData });
    this.worker.on('message', (reply: WorkerReply) => onReply(this, reply));
    this.worker.on('error', (error) => onExit(this, `error: ${error.message}`));
    this.worker.on('exit', (code) => onExit(this, `exited with code ${code}`));
    this.worker.unref();
  }

  get busyWith(): string | undefined {
    return this.running?.pending.request.uri;
  }

  get idle(): boolean {
    return !this.running && this.queue.length === 0;
  }
}

const MAX_START_FAILURES = 3;

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly home = new Map<string, Slot>();
  private nextId = 1;
  private disposed = false;
  /** Workers that died before they were ready, in a row: past MAX_START_FAILURES no more are started. */
  private startFailures = 0;
  private broken?: string;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < (options.minWorkers ?? 2); i++) this.spawn();
  }

  /** The last hop costs (round trip minus the worker's own time), ms. */
  private readonly hops: number[] = [];

  private recordHop(ms: number): void {
    if (this.hops.length >= 1000) this.hops.shift();
    this.hops.push(ms);
  }

  /** What the hop to a worker costs, over the last 1,000 jobs (logged at shutdown; `npm run bench` reports it). */
  hopSummary(): string {
    if (!this.hops.length) return 'analysis hop: no jobs';
    const sorted = [...this.hops].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!.toFixed(2);
    return `analysis hop: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms over ${sorted.length} jobs`;
  }

  /** How many workers are alive (for tests and logs). */
  get size(): number {
    return this.slots.length;
  }

  run<K extends JobKind>(request: JobRequest<K>): Promise<JobOutcome<JobTypes[K]['result']>> {
    if (this.disposed) return Promise.resolve({ status: 'failed', error: 'pool disposed' });
    if (this.broken) return Promise.resolve({ status: 'failed', error: this.broken });
    return new Promise((resolve) => {
      const pending: Pending = { request: request as JobRequest<JobKind>, resolve: resolve as (o: JobOutcome<unknown>) => void };
      const slot = this.pick(request.uri);
      this.home.set(request.uri, slot);
      slot.queue.push(pending);
      this.pump(slot);
      // Keep one worker warm for the next document while every other one is busy (a cold start costs more than
      // the 250 ms a document opened next to a slow one may wait).
      if (!this.slots.some((s) => s.idle) && this.slots.length < (this.options.maxWorkers ?? 4)) this.spawn();
    });
  }

  /** Tell every worker (cache maintenance; no answer). */
  broadcast(message: ControlMessage): void {
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  /** The document closed: every worker forgets it. */
  forget(uri: string): void {
    this.home.delete(uri);
    for (const slot of this.slots) slot.held.delete(uri);
    this.broadcast({ type: 'forget', uri });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) this.failAll(slot, 'shutting down');
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }

  private spawn(): Slot {
    const slot = new Slot(this.options, (s, r) => this.onReply(s, r), (s, why) => this.onExit(s, why));
    this.slots.push(slot);
    return slot;
  }

  /** Where a job for `uri` runs (see the file comment). */
  private pick(uri: string): Slot {
    const home = this.home.get(uri);
    if (home && !home.dead && (home.idle || home.busyWith === uri || home.queue.some((p) => p.request.uri === uri))) return home;
    const idle = this.slots.find((s) => s.idle);
    if (idle) return idle;
    if (this.slots.length < (this.options.maxWorkers ?? 4)) return this.spawn();
    if (home && !home.dead) return home;
    return this.slots.reduce((a, b) => (b.queue.length < a.queue.length ? b : a));
  }

  private pump(slot: Slot): void {
    while (slot.ready && !slot.running && !slot.dead && slot.queue.length) {
      const pending = slot.queue.shift()!;
      const { request } = pending;
      if (request.isStale?.()) {
        pending.resolve({ status: 'stale' });
        continue;
      }
      const id = this.nextId++;
      const message: JobMessage = { type: 'job', id, kind: request.kind, uri: request.uri, version: request.version, scope: request.scope, args: request.args };
      if (slot.held.get(request.uri) !== request.version || pending.resent) message.text = request.text();
      slot.held.set(request.uri, request.version);
      const timer = setTimeout(() => this.overrun(slot), Math.max(1, request.budgetMs));
      slot.running = { id, pending, timer, started: performance.now() };
      slot.worker.postMessage(message);
    }
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.type === 'log') {
      const log = this.options.logger;
      if (reply.level === 'error') log.error(`worker: ${reply.message}`);
      else log[reply.level](`worker: ${reply.message}`);
      return;
    }
    if (reply.type === 'ready') {
      slot.ready = true;
      this.startFailures = 0;
      return this.pump(slot);
    }
    const running = slot.running;
    if (!running || running.id !== reply.id) return;
    clearTimeout(running.timer);
    slot.running = undefined;
    if (reply.type === 'result') {
      const roundTrip = performance.now() - running.started;
      this.recordHop(roundTrip - reply.ms);
      running.pending.resolve({ status: 'done', result: reply.result, ms: roundTrip });
    }
    else if (reply.missingText && !running.pending.resent) {
      running.pending.resent = true;
      slot.queue.unshift(running.pending);
    } else {
      slot.held.delete(running.pending.request.uri);
      running.pending.resolve({ status: 'failed', error: reply.error });
    }
    this.pump(slot);
  }

  /** The running job took longer than its budget: replace the worker and answer `timeout`. */
  private overrun(slot: Slot): void {
    const running = slot.running;
    if (!running || slot.dead) return;
    const { request } = running.pending;
    this.options.logger.warn(`analysis of ${request.uri} v${request.version} (${request.kind}) took longer than ${request.budgetMs} ms; replacing its worker`);
    slot.running = undefined;
    this.replace(slot);
    running.pending.resolve({ status: 'timeout', budgetMs: request.budgetMs });
  }

  private onExit(slot: Slot, why: string): void {
    if (slot.dead || this.disposed) return;
    if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
      // A worker that cannot even start (a missing or broken bundle) would be restarted for ever.
      this.broken = `analysis workers fail to start (${why})`;
      this.options.logger.error(`${this.broken}; documents are not analysed until the server restarts`);
      slot.dead = true;
      this.slots.splice(this.slots.indexOf(slot), 1);
      this.failAll(slot, this.broken);
      return;
    }
    this.options.logger.error(`analysis worker ${why}; starting a new one`);
    const running = slot.running;
    slot.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.pending.resolve({ status: 'failed', error: `worker ${why}` });
    }
    this.replace(slot);
  }

  /** Terminates `slot`'s worker and moves its queued jobs (and the documents it was home to) to a fresh worker. */
  private replace(slot: Slot): void {
    slot.dead = true;
    void slot.worker.terminate().catch(() => 0);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (this.disposed) return this.failAll(slot, 'shutting down');
    const fresh = this.spawn();
    for (const [uri, s] of this.home) if (s === slot) this.home.set(uri, fresh);
    fresh.queue.push(...slot.queue.splice(0));
    this.pump(fresh);
  }

  private failAll(slot: Slot, why: string): void {
    slot.dead = true;
    if (slot.running) {
      clearTimeout(slot.running.timer);
      slot.running.pending.resolve({ status: 'failed', error: why });
      slot.running = undefined;
    }
    for (const p of slot.queue.splice(0)) p.resolve({ status: 'failed', error: why });
  }
}
