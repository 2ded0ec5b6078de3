/**
 * What "Create tickets" will send: the open action items without a ticket, each mapped to a ticket draft
 * (title, assignee through the team's users mapping, due date, labels, priority, type) and its body (the item
 * with its context in the postmortem, and the hidden marker). Pure functions of the model; no tracker, no I/O.
 */
import type { ActionItem, PostmortemModel } from '../../common/model';
import { lineStarts, markerOf, offsetAt, type DocumentSnapshot } from './writeBack';
import { TICKET_LABEL, markerComment, type TicketDraft, type TrackerConfig, type TrackerKind } from './types';

/** How a field reaches the ticket: the tracker's own field, a label (`priority:P1`), or only the body. */
export interface CarryOptions {
  due: 'field' | 'body';
  priority: 'field' | 'label' | 'body';
  type: 'field' | 'label' | 'body';
}
export const DEFAULT_CARRY: CarryOptions = { due: 'field', priority: 'label', type: 'label' };

export interface TicketOptions {
  config: TrackerConfig;
  carry?: Partial<CarryOptions>;
  /** Web link to the document in its repository, when the remote is known. */
  documentUrl?: string;
}

export interface PlannedTicket {
  item: ActionItem;
  /** The marker the item already carries; absent until the engine writes a new one before the first create. */
  marker?: string;
  title: string;
  assignee?: string;
  due?: string;
  labels: string[];
  priority?: string;
  type?: string;
}

export type SkipReason = 'done' | 'has-ticket' | 'needs-discussion';
export const SKIP_REASONS: Record<SkipReason, string> = {
  done: 'already done',
  'has-ticket': 'already has a ticket',
  'needs-discussion': 'marked as needing discussion',
};

export interface TicketPlan {
  /** `github octo/repo`, `jira OPS`... */
  target: string;
  tickets: PlannedTicket[];
  skipped: { item: ActionItem; reason: SkipReason }[];
}

const NEEDS_DISCUSSION = /\b(?:needs?|requires?)\s+(?:more\s+|further\s+)?discussion\b|\bto be discussed\b|\(\s*discuss(?:ion)?\s*\)|\[\s*discuss(?:ion)?\s*\]/i;
const TITLE_MAX = 200;

export function describeTarget(config: TrackerConfig): string {
  const where = config.kind === 'github' ? config.repo : config.kind === 'linear' ? config.team : config.project;
  return `${config.kind} ${where ?? '(not set)'}`;
}

export function skipReason(item: ActionItem): SkipReason | undefined {
  if (item.done) return 'done';
  if (item.ticket && item.ticket.value.trim()) return 'has-ticket';
  if (NEEDS_DISCUSSION.test(item.text) || [item.type?.value, item.priority?.value].some((v) => v && /discuss/i.test(v))) return 'needs-discussion';
  return undefined;
}

/** The document's owner as a tracker user: the mapping first (by name or handle), else a bare `@handle` on GitHub/GitLab. */
export function assigneeFor(owner: string | undefined, kind: TrackerKind, users: Record<string, string> = {}): string | undefined {
  if (!owner) return undefined;
  const raw = owner.trim();
  const bare = raw.replace(/^@/, '').toLowerCase();
  for (const [name, user] of Object.entries(users)) {
    if (name.trim().replace(/^@/, '').toLowerCase() === bare && user.trim()) return user.trim();
  }
  if ((kind === 'github' || kind === 'gitlab') && /^@[A-Za-z0-9][\w.-]*$/.test(raw)) return raw.slice(1);
  return undefined;
}

export function ticketTitle(text: string): string {
  const t = text.replace(/<!--[\s\S]*?-->/g, ' ').replace(/\s+/g, ' ').trim();
  if (t.length <= TITLE_MAX) return t;
  const cut = t.slice(0, TITLE_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_MAX - 40))}…`;
}

export function planTickets(snapshot: DocumentSnapshot & { model: PostmortemModel }, options: TicketOptions): TicketPlan {
  const { config } = options;
  const carry = { ...DEFAULT_CARRY, ...options.carry };
  const plan: TicketPlan = { target: describeTarget(config), tickets: [], skipped: [] };
  for (const item of snapshot.model.actionItems) {
    const reason = skipReason(item);
    if (reason) {
      plan.skipped.push({ item, reason });
      continue;
    }
    const labels = [TICKET_LABEL, ...(config.labels ?? [])];
    if (item.priority && carry.priority === 'label') labels.push(`priority:${item.priority.value}`);
    if (item.type && carry.type === 'label') labels.push(`type:${item.type.value}`);
    const planned: PlannedTicket = { item, title: ticketTitle(item.text), labels: [...new Set(labels.map((l) => l.trim()).filter(Boolean))] };
    const marker = markerOf(item);
    if (marker) planned.marker = marker;
    const assignee = assigneeFor(item.owner?.value, config.kind, config.users);
    if (assignee) planned.assignee = assignee;
    if (item.due && carry.due === 'field' && /^\d{4}-\d{2}-\d{2}$/.test(item.due.value)) planned.due = item.due.value;
    if (item.priority && carry.priority === 'field') planned.priority = item.priority.value;
    if (item.type && carry.type === 'field') planned.type = item.type.value;
    plan.tickets.push(planned);
  }
  return plan;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** The timeline entry or section the item links (`[…](#anchor)`) or names by its time (`14:03`), if any. */
function answers(item: ActionItem, snapshot: DocumentSnapshot & { model: PostmortemModel }): string | undefined {
  const starts = lineStarts(snapshot.text);
  const source = snapshot.text.slice(offsetAt(starts, snapshot.text, item.range.start), offsetAt(starts, snapshot.text, item.range.end));
  const slug = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s+/g, '-');
  for (const m of source.matchAll(/\]\(#([^)\s]+)\)/g)) {
    const anchor = decodeURIComponent(m[1]!).toLowerCase();
    const section = snapshot.model.sections.find((s) => slug(s.title) === anchor);
    if (section) return `section “${section.title}”`;
  }
  const times = [...item.text.matchAll(/\b(\d{1,2}:\d{2})\b/g)].map((m) => m[1]!.padStart(5, '0'));
  for (const entry of snapshot.model.timeline) {
    const at = /\b(\d{1,2}:\d{2})\b/.exec(entry.rawTime)?.[1]?.padStart(5, '0');
    if (at && times.includes(at)) return `timeline entry ${entry.rawTime.replace(/\*/g, '')}: ${entry.text}`;
  }
  return undefined;
}

/** The ticket's body: the item, its fields, its context in the postmortem and the hidden marker (Markdown). */
export function ticketBody(planned: PlannedTicket, marker: string, snapshot: DocumentSnapshot & { model: PostmortemModel }, options: TicketOptions): string {
  const { item } = planned;
  const meta = snapshot.model.metadata;
  const rows: [string, string | undefined][] = [
    ['Owner', item.owner?.value],
    ['Due', item.due ? item.due.value || item.due.raw : undefined],
    ['Type', item.type?.value],
    ['Priority', item.priority?.value],
  ];
  const lines = [item.text, '', '| Field | Value |', '| --- | --- |'];
  for (const [name, value] of rows) lines.push(`| ${name} | ${value ? cell(value) : '—'} |`);
  lines.push('');
  const context = [meta.incidentId && `incident ${meta.incidentId.value}`, meta.severity && `severity ${meta.severity.value}`].filter(Boolean).join(', ');
  const title = meta.title?.value ?? 'the postmortem';
  const named = options.documentUrl ? `[${title.replace(/[[\]]/g, '')}](${options.documentUrl})` : `“${title}”`;
  lines.push(`Action item from the postmortem ${named}${context ? ` (${context})` : ''}.`);
  const answered = answers(item, snapshot);
  if (answered) lines.push('', `It answers the ${answered}.`);
  lines.push('', markerComment(marker));
  return lines.join('\n');
}

export function draftOf(planned: PlannedTicket, marker: string, snapshot: DocumentSnapshot & { model: PostmortemModel }, options: TicketOptions): TicketDraft {
  const draft: TicketDraft = { marker, title: planned.title, body: ticketBody(planned, marker, snapshot, options), labels: planned.labels };
  if (planned.assignee) draft.assignee = planned.assignee;
  if (planned.due) draft.due = planned.due;
  if (planned.priority) draft.priority = planned.priority;
  if (planned.type) draft.type = planned.type;
  return draft;
}

/** What the preview and CodeLens say about an item's ticket: linked (with its key and link), to create, or not sent. */
export type ItemTicketState = { kind: 'linked'; key: string; url?: string } | { kind: 'to-create' } | { kind: 'not-sent'; reason: SkipReason };

export function ticketStateOf(item: ActionItem): ItemTicketState {
  if (item.ticket && item.ticket.value.trim()) {
    const v = item.ticket.value.trim();
    const link = /\[([^\]]+)\]\(<?([^)\s>]+)>?\)/.exec(v);
    if (link) return { kind: 'linked', key: link[1]!, url: link[2]! };
    return /^https?:\/\//.test(v) ? { kind: 'linked', key: v.replace(/^.*\/(?=[^/]+\/?$)/, '#').replace(/\/$/, ''), url: v } : { kind: 'linked', key: v };
  }
  const reason = skipReason(item);
  return reason ? { kind: 'not-sent', reason } : { kind: 'to-create' };
}
