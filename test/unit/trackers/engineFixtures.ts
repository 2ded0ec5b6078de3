/** An in-memory tracker and document for the engine's unit tests (the real trackers are tested in test/trackers/). */
import { MARKER_PATTERN, TrackerError, type TicketDraft, type TicketRef, type Tracker } from '../../../core/trackers/types';
import { modelReader, textHost } from '../../../core/trackers/textHost';
import type { DocumentHost } from '../../../core/trackers/engine';

export const DOC = `---
title: Checkout outage
incident: INC-42
severity: SEV2
---
# Checkout outage

## Timeline

| Time | Event |
|---|---|
| 14:03 | Alert fired for checkout errors |

## Action items

- [ ] Add an alert on checkout error rate (owner: @alice, due: 2024-06-01, type: detect, priority: P1)
- [ ] Document the rollback runbook @bob
  - a nested note that is not an item
- [x] Already done thing
- [ ] Decide on retries (needs discussion)
- [ ] Rotate keys (ticket: [#7](https://github.com/o/r/issues/7))

| Action | Owner | Due |
|---|---|---|
| Review the 14:03 alert threshold | Dan Smith | 2024-06-10 |
`;

export class MemoryTracker implements Tracker {
  readonly kind = 'github' as const;
  readonly target = 'github o/r';
  readonly tickets: (TicketDraft & { number: number; state: TicketRef['state'] })[] = [];
  creates = 0;
  /** Per create call (1-based): what goes wrong. */
  faults = new Map<number, 'lost' | 'fail' | 'auth'>();
  /** Runs inside each create, before it returns (e.g. the author types meanwhile). */
  during?: (n: number) => Promise<void>;

  private ref(t: { marker: string; number: number; state: TicketRef['state'] }): TicketRef {
    return { marker: t.marker, key: `#${t.number}`, url: `https://github.com/o/r/issues/${t.number}`, state: t.state };
  }
  async findByMarkers(markers: readonly string[]): Promise<Map<string, TicketRef>> {
    const out = new Map<string, TicketRef>();
    for (const t of this.tickets) {
      for (const m of t.body.matchAll(MARKER_PATTERN)) if (markers.includes(m[1]!)) out.set(m[1]!, this.ref(t));
    }
    return out;
  }
  async create(draft: TicketDraft): Promise<TicketRef> {
    const n = ++this.creates;
    await this.during?.(n);
    const fault = this.faults.get(n);
    if (fault === 'fail') throw new TrackerError('invalid', 'Validation failed: assignee does not exist', 422);
    if (fault === 'auth') throw new TrackerError('auth', 'Bad credentials', 401);
    const t = { ...draft, number: this.tickets.length + 1, state: 'open' as const };
    this.tickets.push(t);
    if (fault === 'lost') throw new TrackerError('network', 'The connection was closed before the tracker answered.');
    return this.ref(t);
  }
  async status(refs: readonly Pick<TicketRef, 'marker' | 'key' | 'url'>[]): Promise<Map<string, TicketRef>> {
    const out = new Map<string, TicketRef>();
    for (const r of refs) {
      const t = this.tickets.find((x) => `https://github.com/o/r/issues/${x.number}` === r.url);
      out.set(r.marker, t ? this.ref(t) : { ...r, state: 'deleted' });
    }
    return out;
  }
}

export function memoryDoc(initial: string): { host: DocumentHost; text(): string; set(t: string): void; writes: number } {
  let text = initial;
  const state = {
    writes: 0,
    text: () => text,
    set: (t: string) => { text = t; },
    host: textHost({ read: async () => text, write: async (t) => { text = t; state.writes++; } }, modelReader('file:///w/postmortems/outage.md')),
  };
  return state;
}

/** Deterministic marker ids. */
export function ids(): () => string {
  let n = 0;
  return () => `pm-test${String(++n).padStart(4, '0')}`;
}
