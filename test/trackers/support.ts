// What the tracker tests share: drafts as the engine hands them over, a retry policy that records its waits
// instead of sleeping, `ensureTickets`, which calls an adapter the way the engine does (look, create what is
// missing, and after a network failure look again rather than create again), the per-test set-up of the adapter
// suites, and the built CLI run as a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { markerComment, TrackerError, type RetryPolicy, type TicketDraft, type TicketRef, type Tracker } from '../../core/trackers/types';
import type { FakeTracker } from './servers/common';

export function draft(n: number, extra: Partial<TicketDraft> = {}): TicketDraft {
  const marker = `pm-${(0x1a2b3c00 + n).toString(16)}`;
  return {
    marker,
    title: `Action item ${n}: add an alert on queue depth`,
    body: `Add an alert on queue depth.\n\nFrom the postmortem "Checkout outage".\n\n${markerComment(marker)}`,
    labels: ['incident-42'],
    ...extra,
  };
}

export interface RecordedPolicy extends RetryPolicy {
  waits: number[];
}

/** Retries as in production, but the waits are recorded (and only briefly yielded) so tests never sleep for real. */
export function recordedPolicy(overrides: Partial<RetryPolicy> = {}): RecordedPolicy {
  const waits: number[] = [];
  return {
    retries: 4,
    maxWaitMs: 60_000,
    waits,
    async sleep(ms: number, signal?: AbortSignal) {
      waits.push(ms);
      if (signal?.aborted) throw new TrackerError('cancelled', 'Cancelled.');
      await new Promise((resolve) => setImmediate(resolve));
    },
    ...overrides,
  };
}

export interface RunResult {
  tickets: Map<string, TicketRef>;
  created: string[];
  failed: Map<string, TrackerError>;
}

/** One run of "create tickets" as the engine does it. */
export async function ensureTickets(tracker: Tracker, drafts: readonly TicketDraft[]): Promise<RunResult> {
  const tickets = await tracker.findByMarkers(drafts.map((d) => d.marker));
  const created: string[] = [];
  const failed = new Map<string, TrackerError>();
  for (const d of drafts) {
    if (tickets.has(d.marker)) continue;
    try {
      tickets.set(d.marker, await tracker.create(d));
      created.push(d.marker);
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      if (error.kind === 'network') {
        const again = (await tracker.findByMarkers([d.marker])).get(d.marker);
        if (again) {
          tickets.set(d.marker, again);
          continue;
        }
      }
      failed.set(d.marker, error);
    }
  }
  return { tickets, created, failed };
}

/** Runs until every item has its ticket, at most `runs` times, as a person re-running the command would. */
export async function ensureAll(tracker: () => Tracker, drafts: readonly TicketDraft[], runs = 3): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await ensureTickets(tracker(), drafts);
    results.push(result);
    if (result.failed.size === 0) break;
  }
  return results;
}

/** A fresh fake tracker for one test, started, with a policy and a log of its own; the caller stops it afterwards. */
export async function freshSetup<F extends FakeTracker>(fake: F): Promise<{ fake: F; policy: RecordedPolicy; logs: string[] }> {
  await fake.start();
  return { fake, policy: recordedPolicy(), logs: [] };
}

/** What every fault scenario must end with: exactly one issue per action item, and the injected faults all fired. */
export function assertExactlyOne(fake: FakeTracker, drafts: readonly TicketDraft[]): void {
  for (const d of drafts) assert.equal(fake.issuesWithMarker(d.marker).length, 1, `one issue for ${d.marker}`);
  assert.deepEqual(fake.server.pendingFaults, [], 'every injected fault fired');
}

/** The bundled CLI the end-to-end tests run (`npm run build` makes it; test-all builds before the suites). */
export const CLI = path.resolve(__dirname, '../../dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without a terminal (stdin is a pipe, closed at once) and with only PATH and `env`, and waits for it to exit. */
export function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}
