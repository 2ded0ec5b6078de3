/**
 * Words responders use at the moments a timeline needs (the deploy, the page, the rollback, the all-clear).
 * A message that says one is suggested for import; the quick pick and `--select suggested` preselect it.
 */
const KEY_MOMENT_PHRASES: readonly string[] = [
  'deployed', 'deploying', 'deploy', 'rolled back', 'rolling back', 'rollback', 'reverted', 'revert',
  'paging', 'paged', 'page', 'escalated', 'escalating', 'acknowledged', 'ack', 'acked',
  'mitigated', 'mitigating', 'mitigation', 'resolved', 'resolving', 'fixed', 'recovered', 'recovering',
  'root cause', 'incident declared', 'declared', 'sev1', 'sev2', 'outage', 'alert', 'alerting', 'fired',
  'status page', 'statuspage', 'failover', 'failed over', 'restarted', 'restarting', 'hotfix', 'all clear',
  'back to normal', 'monitoring', 'customer impact', 'incident commander',
];

/** Longest first, so "rolled back" wins over "back". */
const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...KEY_MOMENT_PHRASES].sort((a, b) => b.length - a.length).map((p) => p.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** The key-moment words in a text, lower-cased, each once, in order of appearance. */
export function keyMomentWords(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.slice(0, 4000).matchAll(PATTERN)) seen.add(m[1]!.toLowerCase().replace(/\s+/g, ' '));
  return [...seen];
}
