// What the adapter tests share: drafts as the engine hands them over, a retry policy that records its waits
// instead of sleeping, and `ensureTickets`, which calls an adapter the way the engine does (look, create what is
// missing, and after a network failure look again rather than create again).
import { markerComment, TrackerError, type RetryPolicy, type TicketDraft, type TicketRef, type Tracker } from '../../core/trackers/types';

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
