/**
 * Small helpers the GitLab, Jira and Linear adapters share: reading markers back out of a ticket body, the label
 * set a ticket gets, and the document's priority words on a common 1-4 scale each tracker maps to its own.
 */
import { MARKER_PATTERN, TICKET_LABEL, type TicketDraft, type TrackerConfig } from './types';

/** Every marker id in a ticket body (a body may hold none, or, after a copy-paste, several). */
export function markersIn(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(new RegExp(MARKER_PATTERN.source, 'g'))].map((m) => m[1]!);
}

/** The team's labels, the draft's, and the extension's own, without duplicates, in a stable order. */
export function ticketLabels(config: TrackerConfig, draft: TicketDraft, extra: readonly string[] = []): string[] {
  const all = [TICKET_LABEL, ...(config.labels ?? []), ...draft.labels, ...extra].map((l) => l.trim()).filter(Boolean);
  return [...new Set(all)];
}

/** 1 urgent, 2 high, 3 medium, 4 low; undefined when the word means nothing we know. */
export type PriorityRank = 1 | 2 | 3 | 4;

export function priorityRank(priority: string | undefined): PriorityRank | undefined {
  if (!priority) return undefined;
  const word = priority.trim().toLowerCase();
  const numbered = /^(?:p|sev|s)?\s*([0-4])$/.exec(word);
  if (numbered) return Math.min(4, Math.max(1, Number(numbered[1]) || 1)) as PriorityRank;
  if (/^(urgent|critical|blocker|highest|immediate)$/.test(word)) return 1;
  if (/^(high|major)$/.test(word)) return 2;
  if (/^(medium|normal|moderate)$/.test(word)) return 3;
  if (/^(low|minor|lowest|trivial)$/.test(word)) return 4;
  return undefined;
}
