/** Choosing what to import: the suggested entries, and the thread parents a chosen reply needs. */
import type { ImportedEntry } from './types';

export type Selection = 'suggested' | 'all';

/** The entries a selection keeps, plus the first message of every thread one of them replies in. */
export function selectEntries(all: readonly ImportedEntry[], selection: Selection | ReadonlySet<string>): ImportedEntry[] {
  const chosen = new Set<string>();
  for (const e of all) {
    const keep = selection === 'all' ? true : selection === 'suggested' ? e.suggested : selection.has(e.id);
    if (keep) chosen.add(e.id);
  }
  const ids = new Set(all.map((e) => e.id));
  for (const e of all) if (chosen.has(e.id) && e.parentId && ids.has(e.parentId)) chosen.add(e.parentId);
  return all.filter((e) => chosen.has(e.id));
}

/** Distinct people among the entries (bots and the paging tool itself left out), in order of first appearance. */
export function responders(entries: readonly ImportedEntry[]): string[] {
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (e.flags.bot || !e.authorId) continue;
    const key = e.author.trim().toLowerCase();
    if (key && key !== 'unknown' && !seen.has(key)) seen.set(key, e.author.trim());
  }
  return [...seen.values()];
}
