/** Plain-language plans and summaries of a ticket run, shared by the VS Code command and the CLI. */
import type { ItemOutcome, SyncResult, TicketRunResult } from './engine';
import { SKIP_REASONS, type PlannedTicket, type TicketPlan } from './plan';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line per ticket to be created: title, assignee, due date, labels. */
export function planLine(t: PlannedTicket): string {
  const parts = [t.assignee ? `assignee ${t.assignee}` : 'no assignee', t.due ? `due ${t.due}` : 'no due date', `labels ${t.labels.join(', ')}`];
  if (t.priority) parts.push(`priority ${t.priority}`);
  if (t.type) parts.push(`type ${t.type}`);
  return `${t.title} (${parts.join('; ')})`;
}

export function planHeadline(plan: TicketPlan): string {
  if (plan.tickets.length === 0) return `No ticket to create in ${plan.target}: every open action item has one (${plural(plan.skipped.length, 'item')} not sent).`;
  return `${plural(plan.tickets.length, 'ticket')} to create in ${plan.target}${plan.skipped.length ? ` (${plural(plan.skipped.length, 'item')} not sent: ${[...new Set(plan.skipped.map((s) => SKIP_REASONS[s.reason]))].join(', ')})` : ''}.`;
}

export function outcomeLine(o: ItemOutcome): string {
  switch (o.status) {
    case 'created': return `created ${o.ticket.key} ${o.ticket.url}  ${o.title}`;
    case 'found': return `linked ${o.ticket.key} ${o.ticket.url} (it already existed)  ${o.title}`;
    case 'failed': return `failed  ${o.title}: ${o.error}`;
    case 'not-sent': return `not sent (cancelled)  ${o.title}`;
  }
}

export function runHeadline(r: TicketRunResult): string {
  const count = (s: ItemOutcome['status']) => r.outcomes.filter((o) => o.status === s).length;
  const parts = [`${plural(count('created'), 'ticket')} created in ${r.target}`];
  if (count('found')) parts.push(`${count('found')} already there and linked`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('not-sent')) parts.push(`${count('not-sent')} not sent (cancelled)`);
  let line = `${parts.join(', ')}.`;
  if (r.writeBack === 'failed') line += ' The links could not be written into the document; run again to write them (no ticket is made twice).';
  if (r.authFailed) line += ' The tracker refused the credentials: sign in again.';
  return line;
}

/** Every open item has its ticket (created now or before) and its link is in the document. */
export function runSucceeded(r: TicketRunResult): boolean {
  return !r.cancelled && r.writeBack !== 'failed' && r.outcomes.every((o) => o.status === 'created' || o.status === 'found');
}

export function syncLines(r: SyncResult): { headline: string; lines: string[] } {
  if (r.failed) return { headline: `Could not read the tickets' state from ${r.target}: ${r.failed.error}`, lines: [] };
  const lines = r.items.filter((i) => i.state !== 'open').map((i) => {
    if (i.state === 'closed') return `${i.key} is closed${i.ticked === true ? ': item ticked' : i.ticked === false ? ' (the item is not a task-list item; mark it done by hand)' : ''}  ${i.title}`;
    if (i.state === 'deleted') return `${i.key} was deleted  ${i.title}`;
    if (i.state === 'moved') return `${i.key} was moved to ${i.movedTo ?? 'another project'}  ${i.title}`;
    return `${i.key}: state unknown (not a ticket of ${r.target})  ${i.title}`;
  });
  const ticked = r.items.filter((i) => i.ticked).length;
  const gone = r.items.filter((i) => i.state === 'deleted' || i.state === 'moved').length;
  let headline = `${plural(r.items.length, 'ticket')} checked in ${r.target}: ${ticked} ${ticked === 1 ? 'item' : 'items'} ticked, ${gone} deleted or moved.`;
  if (r.writeBack === 'failed') headline += ' The document could not be edited.';
  return { headline, lines };
}
