/**
 * The ticket engine, shared by the VS Code command and `postmortem tickets`: plan -> identity -> a current read
 * -> create what is missing -> write the links back; and sync (tick items whose tickets are closed).
 *
 * Never twice: each item's marker is in the document before its first create; before creating, the tracker is
 * asked for tickets carrying the markers through a list read that reflects writes at once; a create whose answer
 * was lost is settled by looking again, never by creating again in the same run (the next run's look finds it).
 * The document is touched only through `DocumentHost.edit`, which computes the edits against the document as it
 * is at that moment, so the author's edits in between are kept and items are found again by their marker.
 */
import type { ActionItem, PostmortemModel } from '../../common/model';
import { draftOf, type PlannedTicket, type SkipReason, type TicketOptions, type TicketPlan } from './plan';
import { TrackerError, isTrackerError, type TicketRef, type Tracker, type TrackerErrorKind } from './types';
import { identityEdits, itemByMarker, lineStarts, linkEdit, offsetAt, markerOf, newMarkerId, tickEdit, ticketLink, type DocumentSnapshot, type TextEdit } from './writeBack';

export type ModelSnapshot = DocumentSnapshot & { model: PostmortemModel };

/** The document, as each face holds it: an open editor (VS Code) or a file on disk (CLI). */
export interface DocumentHost {
  /** The document as it is now, with the model read from exactly that text. */
  read(): Promise<ModelSnapshot>;
  /**
   * Computes edits against the document as it is now and applies them as one change (one undo step in VS Code;
   * the file re-read just before writing in the CLI). May call `compute` again if the document moved meanwhile.
   * False when the edit could not be applied.
   */
  edit(compute: (now: ModelSnapshot) => TextEdit[], purpose: 'identity' | 'links' | 'ticks'): Promise<boolean>;
}

export interface RunOptions extends TicketOptions {
  signal?: AbortSignal;
  onProgress?(progress: { done: number; total: number; title: string }): void;
  /** Makes the marker ids (tests). */
  newId?: () => string;
}

export type ItemOutcome = { title: string; marker?: string; /** The item's line (0-based) when planned. */ line: number } & (
  /** `created` by this run, or `found`: the tracker already had a ticket with the item's marker. */
  | { status: 'created' | 'found'; marker: string; ticket: TicketRef }
  | { status: 'failed'; kind: TrackerErrorKind | 'changed'; error: string }
  | { status: 'not-sent'; reason: 'cancelled' }
);

export interface TicketRunResult {
  target: string;
  outcomes: ItemOutcome[];
  skipped: { title: string; reason: SkipReason }[];
  cancelled: boolean;
  /** Whether the links of created/found tickets were written into the document. */
  writeBack: 'done' | 'failed' | 'nothing';
  /** The tracker refused the credentials (401/403): the face asks to sign in again. */
  authFailed: boolean;
}

function errorOf(err: unknown): TrackerError {
  if (isTrackerError(err)) return err;
  if (err instanceof Error && err.name === 'AbortError') return new TrackerError('cancelled', 'Cancelled.');
  return new TrackerError('network', err instanceof Error ? err.message : String(err));
}

/** Failures after which the tracker may have made the ticket anyway: settled by looking again. */
const AMBIGUOUS: readonly TrackerErrorKind[] = ['network', 'server', 'rate-limit'];

/** Writes a marker into every planned item that has none; returns item id -> marker. */
async function writeIdentities(host: DocumentHost, plan: TicketPlan, newId: () => string): Promise<Map<string, string> | undefined> {
  const unmarked = plan.tickets.filter((t) => !t.marker);
  const assigned = new Map<string, string>();
  if (unmarked.length === 0) return assigned;
  const ok = await host.edit((now) => {
    assigned.clear();
    const assign = new Map<ActionItem, string>();
    for (const t of unmarked) {
      const item = now.model.actionItems.find((i) => i.id === t.item.id && !markerOf(i));
      if (!item || assign.has(item)) continue;
      const marker = newId();
      assign.set(item, marker);
      assigned.set(t.item.id, marker);
    }
    return identityEdits(now, assign);
  }, 'identity');
  return ok ? assigned : undefined;
}

export async function runTickets(host: DocumentHost, tracker: Tracker, plan: TicketPlan, options: RunOptions): Promise<TicketRunResult> {
  const result: TicketRunResult = {
    target: plan.target,
    outcomes: [],
    skipped: plan.skipped.map((s) => ({ title: s.item.text, reason: s.reason })),
    cancelled: false,
    writeBack: 'nothing',
    authFailed: false,
  };
  if (plan.tickets.length === 0) return result;
  const assigned = await writeIdentities(host, plan, options.newId ?? (() => newMarkerId()));
  if (!assigned) {
    for (const t of plan.tickets) result.outcomes.push({ status: 'failed', title: t.title, line: t.item.range.start.line, kind: 'changed', error: 'The document could not be edited to record the item’s identity; nothing was sent.' });
    return result;
  }
  const snapshot = await host.read();
  const entries: { planned: PlannedTicket; marker: string }[] = [];
  const seen = new Map<string, number>();
  for (const t of plan.tickets) {
    const marker = t.marker ?? assigned.get(t.item.id);
    const first = marker ? seen.get(marker) : undefined;
    if (marker && first !== undefined) {
      // A copied item carries the same identity as its original: it would share (or duplicate) its ticket.
      result.outcomes.push({ status: 'failed', title: t.title, line: t.item.range.start.line, kind: 'invalid', error: `It carries the same id (${marker}) as the item on line ${first + 1} (copied?): delete its \`postmortem-item\` comment and run again.` });
      continue;
    }
    if (marker) seen.set(marker, t.item.range.start.line);
    if (marker && itemByMarker(snapshot, marker)) entries.push({ planned: t, marker });
    else result.outcomes.push({ status: 'failed', title: t.title, line: t.item.range.start.line, kind: 'changed', error: 'The item changed or was removed while tickets were being prepared; run again.' });
  }
  const done: { marker: string; ticket: TicketRef }[] = [];
  try {
    await createMissing(tracker, entries, snapshot, options, result, done);
  } finally {
    result.writeBack = await writeLinks(host, done);
  }
  return result;
}

async function createMissing(
  tracker: Tracker,
  entries: { planned: PlannedTicket; marker: string }[],
  snapshot: ModelSnapshot,
  options: RunOptions,
  result: TicketRunResult,
  done: { marker: string; ticket: TicketRef }[],
): Promise<void> {
  const { signal } = options;
  const fail = (e: { planned: PlannedTicket; marker: string }, err: TrackerError) =>
    result.outcomes.push({ status: 'failed', title: e.planned.title, marker: e.marker, line: e.planned.item.range.start.line, kind: err.kind, error: err.message });
  let existing: Map<string, TicketRef>;
  try {
    existing = await tracker.findByMarkers(entries.map((e) => e.marker), signal);
  } catch (raw) {
    const err = errorOf(raw);
    if (err.kind === 'cancelled' || signal?.aborted) {
      result.cancelled = true;
      for (const e of entries) result.outcomes.push({ status: 'not-sent', title: e.planned.title, marker: e.marker, line: e.planned.item.range.start.line, reason: 'cancelled' });
      return;
    }
    result.authFailed = err.kind === 'auth';
    // Without a current read nothing can be created safely.
    for (const e of entries) fail(e, new TrackerError(err.kind, `Could not check ${tracker.target} for existing tickets: ${err.message}`, err.status));
    return;
  }
  let count = 0;
  for (const [index, e] of entries.entries()) {
    options.onProgress?.({ done: count, total: entries.length, title: e.planned.title });
    if (signal?.aborted || result.authFailed) {
      if (signal?.aborted) result.cancelled = true;
      for (const rest of entries.slice(index)) {
        if (result.authFailed) fail(rest, new TrackerError('auth', 'Not sent: the tracker refused the credentials.'));
        else result.outcomes.push({ status: 'not-sent', title: rest.planned.title, marker: rest.marker, line: rest.planned.item.range.start.line, reason: 'cancelled' });
      }
      break;
    }
    const found = existing.get(e.marker);
    if (found) {
      result.outcomes.push({ status: 'found', title: e.planned.title, marker: e.marker, line: e.planned.item.range.start.line, ticket: found });
      done.push({ marker: e.marker, ticket: found });
      count++;
      continue;
    }
    const item = itemByMarker(snapshot, e.marker);
    const draft = draftOf({ ...e.planned, item: item ?? e.planned.item }, e.marker, snapshot, options);
    try {
      const ticket = await tracker.create(draft, signal);
      result.outcomes.push({ status: 'created', title: e.planned.title, marker: e.marker, line: e.planned.item.range.start.line, ticket });
      done.push({ marker: e.marker, ticket });
    } catch (raw) {
      const err = errorOf(raw);
      if (err.kind === 'auth') result.authFailed = true;
      const settled = AMBIGUOUS.includes(err.kind) || (err.kind === 'cancelled' && signal?.aborted) ? await lookAgain(tracker, e.marker) : undefined;
      if (settled) {
        result.outcomes.push({ status: 'created', title: e.planned.title, marker: e.marker, line: e.planned.item.range.start.line, ticket: settled });
        done.push({ marker: e.marker, ticket: settled });
      } else if (err.kind === 'cancelled') {
        result.cancelled = true;
        result.outcomes.push({ status: 'not-sent', title: e.planned.title, marker: e.marker, line: e.planned.item.range.start.line, reason: 'cancelled' });
      } else {
        fail(e, AMBIGUOUS.includes(err.kind) ? new TrackerError(err.kind, `${err.message} (the tracker has no ticket for it; running again is safe)`, err.status) : err);
      }
    }
    count++;
  }
  options.onProgress?.({ done: count, total: entries.length, title: '' });
}

/** After a create whose answer was lost: did the tracker make the ticket? A current list read, not a search. */
async function lookAgain(tracker: Tracker, marker: string): Promise<TicketRef | undefined> {
  try {
    return (await tracker.findByMarkers([marker])).get(marker);
  } catch {
    return undefined;
  }
}

async function writeLinks(host: DocumentHost, done: { marker: string; ticket: TicketRef }[]): Promise<TicketRunResult['writeBack']> {
  if (done.length === 0) return 'nothing';
  try {
    const ok = await host.edit((now) => done.map((d) => linkEdit(now, d.marker, ticketLink(d.ticket.key, d.ticket.url))).filter((e): e is TextEdit => !!e), 'links');
    return ok ? 'done' : 'failed';
  } catch {
    return 'failed';
  }
}

/** `[#12](url)`, a bare URL or a key, as the document names a ticket. */
export function ticketOf(value: string): { key: string; url: string } {
  const link = /\[([^\]]+)\]\(<?([^)\s>]+)>?\)/.exec(value);
  if (link) return { key: link[1]!, url: link[2]! };
  const v = value.trim();
  return /^https?:\/\//.test(v) ? { key: v, url: v } : { key: v, url: '' };
}

export interface SyncItem {
  title: string;
  key: string;
  url: string;
  state: TicketRef['state'];
  movedTo?: string;
  /** A closed ticket's item was ticked; `false` when it could not be (not a task-list item). */
  ticked?: boolean;
}

export interface SyncResult {
  target: string;
  items: SyncItem[];
  failed?: { kind: TrackerErrorKind; error: string };
  authFailed: boolean;
  writeBack: 'done' | 'failed' | 'nothing';
}

/** Asks the tracker about every ticket the document links and ticks the open items whose tickets are closed. */
export async function syncTickets(host: DocumentHost, tracker: Tracker, signal?: AbortSignal): Promise<SyncResult> {
  const snapshot = await host.read();
  const result: SyncResult = { target: tracker.target, items: [], authFailed: false, writeBack: 'nothing' };
  const linked = snapshot.model.actionItems.filter((i) => i.ticket && i.ticket.value.trim());
  const starts = lineStarts(snapshot.text);
  // The ticket as written (`[#12](url)` in a table cell reads as `#12`): the link keeps its URL.
  const written = (item: ActionItem) => snapshot.text.slice(offsetAt(starts, snapshot.text, item.ticket!.range.start), offsetAt(starts, snapshot.text, item.ticket!.range.end));
  const refs = linked.map((item) => ({ item, marker: markerOf(item) ?? `item-${item.id}`, ...ticketOf(/\]\(/.test(written(item)) ? written(item) : item.ticket!.value) }));
  if (refs.length === 0) return result;
  let states: Map<string, TicketRef>;
  try {
    states = await tracker.status(refs.map(({ marker, key, url }) => ({ marker, key, url })), signal);
  } catch (raw) {
    const err = errorOf(raw);
    result.authFailed = err.kind === 'auth';
    result.failed = { kind: err.kind, error: err.message };
    return result;
  }
  const toTick = new Set<string>();
  for (const r of refs) {
    const s = states.get(r.marker);
    const entry: SyncItem = { title: r.item.text, key: r.key, url: r.url, state: s?.state ?? 'unknown' };
    if (s?.movedTo) entry.movedTo = s.movedTo;
    if (s?.state === 'closed' && !r.item.done) {
      entry.ticked = r.item.style === 'task';
      if (entry.ticked) toTick.add(r.marker);
    }
    result.items.push(entry);
  }
  if (toTick.size === 0) return result;
  const ok = await host.edit((now) => {
    return now.model.actionItems
      .filter((i) => toTick.has(markerOf(i) ?? `item-${i.id}`))
      .map((i) => tickEdit(now, i))
      .filter((e): e is TextEdit => !!e);
  }, 'ticks');
  result.writeBack = ok ? 'done' : 'failed';
  return result;
}
