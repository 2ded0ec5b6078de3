/**
 * Running the language service over many files on every core: a small pool of worker threads, each with its own
 * service, one file at a time, each file within a time budget: the language service's own setting
 * (`postmortem.analysis.timeBudgetMs` of the file's settings, as in the editor) unless `--timeout` overrides it. A
 * file that overruns the budget (or crashes its
 * worker, or exhausts its memory) costs that worker, which is replaced; the file gets one outcome saying so and the
 * run goes on. The worker is this same bundle (`dist/cli.js`) started with `workerData`, so the CLI stays one file.
 *
 * Without a worker script (in-process tests, `--jobs 0`) files are analysed on the calling thread, where no budget
 * can be enforced.
 */
import fs from 'node:fs';
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createPostmortemService, DEFAULT_MAX_DOCUMENT_SIZE, type PostmortemService } from '../server/src/service/index';
import type { Logger } from '../server/src/service/types';
import { analyzeText, type AnalyzeRequest, type AnalyzeResult } from './check/analyzeFile';

/** Heap of one worker: a 2 MB document needs far less; a hostile one is stopped here rather than take the machine. */
const WORKER_HEAP_MB = 512;
/** Schema files larger than this are not read (as in the server). */
const MAX_SCHEMA_FILE = 2 * 1024 * 1024;
const MAX_FAILED_STARTS = 3;

export type Outcome = { ok: true; result: AnalyzeResult } | { ok: false; reason: 'timeout' | 'crash'; message: string };

export interface Analyzer {
  analyze(request: AnalyzeRequest): Promise<Outcome>;
  close(): Promise<void>;
}

export interface AnalyzerOptions {
  /** The script worker threads run (the CLI bundle itself); undefined: analyse in-process. */
  workerScript?: string;
  /** Worker threads; default: every core. */
  jobs?: number;
  /** Time one file may take (`--timeout`); default: its settings' `analysisTimeBudgetMs`, as in the editor. */
  budgetMs?: number;
  /** Log service errors to stderr (`--debug`). */
  debug?: boolean;
}

interface WorkerConfig {
  postmortemCliWorker: true;
  debug: boolean;
}

/** `at`: when the worker finished the file (Date.now()), which is when it started the next one it holds. */
type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; outcome: Outcome; at: number };

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const jobs = options.jobs ?? defaultJobs();
  if (!options.workerScript || jobs <= 0) return inlineAnalyzer(options.debug === true);
  return new WorkerPool(options.workerScript, jobs, options.budgetMs, options.debug === true);
}

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

function inlineAnalyzer(debug: boolean): Analyzer {
  const service = newService(debug);
  return {
    async analyze(request) {
      return analyzeGuarded(service, request);
    },
    async close() {},
  };
}

function analyzeGuarded(service: PostmortemService, request: AnalyzeRequest): Outcome {
  try {
    return { ok: true, result: analyzeText(service, request) };
  } catch (error) {
    return { ok: false, reason: 'crash', message: error instanceof Error ? error.message : String(error) };
  }
}

function newService(debug: boolean): PostmortemService {
  const logger: Logger = {
    info() {},
    warn: (message) => { if (debug) process.stderr.write(`postmortem: ${message}\n`); },
    error: (message, error) => {
      if (debug) process.stderr.write(`postmortem: ${message}${error instanceof Error ? `\n${error.stack}` : ''}\n`);
    },
  };
  return createPostmortemService({ logger, readFile: readSchemaFile, maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE });
}

function readSchemaFile(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_SCHEMA_FILE) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface Task {
  id: number;
  request: AnalyzeRequest;
  resolve: (outcome: Outcome) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The file the worker is on; its budget runs from when the worker took it. */
  task?: Task;
  /**
   * The next file, already posted so the worker goes on without waiting for this thread (which reads and hashes
   * files meanwhile); its budget starts when `task` is done.
   */
  next?: Task;
  timer?: NodeJS.Timeout;
}

class WorkerPool implements Analyzer {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers that died before they were ready, in a row: past a few the script itself is broken. */
  private failedStarts = 0;

  constructor(private readonly script: string, private readonly size: number, private readonly budgetMs: number | undefined, private readonly debug: boolean) {}

  analyze(request: AnalyzeRequest): Promise<Outcome> {
    if (this.failedStarts >= MAX_FAILED_STARTS) return Promise.resolve({ ok: false, reason: 'crash', message: 'no analysis worker could start' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, request, resolve });
      // Workers start as work arrives: one file needs one worker, not one per core.
      if (this.slots.length < this.size && this.slots.every((s) => !s.ready || s.task)) this.spawn();
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private spawn(): void {
    const config: WorkerConfig = { postmortemCliWorker: true, debug: this.debug };
    const worker = new Worker(this.script, { workerData: config, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, stdout: false, stderr: false });
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        this.failedStarts = 0;
        this.dispatch();
      } else if (slot.task && message.id === slot.task.id) {
        this.finish(slot, message.outcome, message.at);
        this.dispatch();
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const message = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the analysis ran out of memory (${WORKER_HEAP_MB} MB)` : error.message;
      this.lose(slot, { ok: false, reason: 'crash', message });
    });
    worker.on('exit', (code) => this.lose(slot, { ok: false, reason: 'crash', message: `the analysis stopped (exit ${code})` }));
  }

  private dispatch(): void {
    // Every ready worker gets a file first, then one more each to go on with.
    for (const slot of this.slots) {
      if (!slot.ready || slot.task || this.queue.length === 0) continue;
      slot.task = this.queue.shift()!;
      this.startBudget(slot);
      slot.worker.postMessage({ id: slot.task.id, request: slot.task.request });
    }
    for (const slot of this.slots) {
      if (!slot.ready || !slot.task || slot.next || this.queue.length === 0) continue;
      slot.next = this.queue.shift()!;
      slot.worker.postMessage({ id: slot.next.id, request: slot.next.request });
    }
  }

  /** The budget of the slot's current file, which the worker started `startedAt` (a file it already held). */
  private startBudget(slot: Slot, startedAt = Date.now()): void {
    const budgetMs = this.budgetMs ?? slot.task!.request.scope.settings.analysisTimeBudgetMs;
    slot.timer = setTimeout(() => this.timeout(slot, budgetMs), Math.max(0, budgetMs - (Date.now() - startedAt)));
  }

  /**
   * The slot's current file is done with `outcome`; the file posted after it is now the current one, started by the
   * worker at `doneAt` (its budget counts from then, however long this thread took to hear of it).
   */
  private finish(slot: Slot, outcome: Outcome, doneAt?: number): void {
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = slot.next;
    slot.next = undefined;
    if (slot.task) this.startBudget(slot, doneAt);
    task?.resolve(outcome);
  }

  private timeout(slot: Slot, budgetMs: number): void {
    const seconds = budgetMs >= 1000 ? `${(budgetMs / 1000).toFixed(budgetMs % 1000 ? 1 : 0)} s` : `${budgetMs} ms`;
    this.lose(slot, { ok: false, reason: 'timeout', message: `the analysis took longer than its ${seconds} budget and was stopped` });
  }

  /** The slot's worker is gone or must go: its file gets `outcome`, a fresh worker takes its place. */
  private lose(slot: Slot, outcome: Outcome): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    // The file posted after the lost one never started: it goes back to the front of the queue.
    if (slot.next) this.queue.unshift(slot.next);
    slot.next = undefined;
    this.finish(slot, outcome);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (!slot.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
      for (const task of this.queue.splice(0)) task.resolve({ ok: false, reason: 'crash', message: `no analysis worker could start (${outcome.ok ? '' : outcome.message})` });
      return;
    }
    if (!this.closed && this.queue.length && this.slots.length < this.size) this.spawn();
  }
}

/** True in a thread started by the pool; `runWorker` then serves it. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerConfig> | null)?.postmortemCliWorker === true;
}

/** The worker's side: one service, one file at a time, answers in order. */
export function runWorker(): void {
  const config = workerData as WorkerConfig;
  const service = newService(config.debug);
  const port = parentPort!;
  port.on('message', (message: { id: number; request: AnalyzeRequest }) => {
    const outcome = analyzeGuarded(service, message.request);
    port.postMessage({ type: 'done', id: message.id, outcome, at: Date.now() } satisfies WorkerMessage);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
