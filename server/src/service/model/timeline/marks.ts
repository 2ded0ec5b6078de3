/**
 * Key moments named by an entry's words ("alert fired" -> detected). Conservative: one entry per kind,
 * the first match for started/detected/acknowledged/mitigated, the last for resolved; an entry marks
 * at most one moment, and only entries whose instant is known are marked.
 */
import type { KeyTimeName, TimelineEntry } from '../../../../../common/model';

export const MARK_PATTERNS: Record<KeyTimeName, RegExp> = {
  started: /\b(?:outage|impact|incident|degradation|disruption)\s+(?:begins|began|starts|started)\b|^\W*start of (?:the )?(?:incident|outage|impact)\b/i,
  detected: /\balerts?\s+(?:fired|fires|triggered|went off|goes off)\b|\b(?:paged|detected|noticed|notices|reported)\b|(?<!\b(?:news|press|media|blog)\s)\breports? (?:on|that|in|via|of|the|an?)\b|\bpager (?:storm|alert)\b|\breceives? (?:a |the )?pages?\b/i,
  acknowledged: /\backnowledg(?:ed|es|ment)\b|\back'?d\b|\bon-?call (?:engineer )?(?:responded|responds)\b/i,
  mitigated: /\bmitigat(?:ed|es|ion (?:applied|deployed|in place))\b|\bworkaround\b|\brolled back\b|\brolls? back\b|\btraffic (?:is |was )?restored\b/i,
  resolved: /\b(?:incident|issue|outage|problem)(?: is| was| has been)? resolved\b|\bresolved the (?:issue|incident|outage|problem)\b|^\W*resolved\b|\bmarked (?:as )?resolved\b|\bfully recovered\b|\ball clear\b|\bincident (?:is |was )?closed\b|\b(?:outage|incident) ends\b|\bservice (?:is |was )?restored\b|(?:^|[,;(]|\s[—–-])\s*(?:and\s+)?(?:incident\s+)?resolved\)?\W*$/i,
};

const FIRST_WINS: KeyTimeName[] = ['started', 'detected', 'acknowledged', 'mitigated'];

export function applyMarks(entries: TimelineEntry[]): void {
  const taken = new Set<number>();
  const pick = (kind: KeyTimeName, indexes: number[]) => {
    for (const i of indexes) {
      const e = entries[i]!;
      if (taken.has(i) || !e.iso) continue;
      if (MARK_PATTERNS[kind].test(e.text)) {
        e.marks = kind;
        taken.add(i);
        return;
      }
    }
  };
  const forward = entries.map((_, i) => i);
  pick('resolved', [...forward].reverse());
  for (const kind of FIRST_WINS) pick(kind, forward);
}
