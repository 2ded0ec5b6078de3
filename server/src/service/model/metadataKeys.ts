/**
 * Metadata keys: the fields a key names, by its many spellings (`Start time`, `started_at`, `IC`), and the candidate
 * key/value pairs every source yields. Separate so the frontmatter values, the hand-written forms and the
 * validation view all name fields by the one table.
 */
import type { KeyTimeName, Located, Range } from '../../../../common/model';

export type Field =
  | 'title' | 'incidentId' | 'severity' | 'status' | 'owner' | 'type' | 'schema' | 'participants' | 'services'
  | 'customersAffected' | 'customersReporting' | 'date' | 'timezone' | 'authors' | KeyTimeName;

const ALIASES: Record<string, Field> = {};
function alias(field: Field, ...names: string[]): void {
  for (const n of names) ALIASES[n] = field;
}
alias('title', 'title', 'incident title', 'name', 'incident name');
alias('incidentId', 'id', 'incident', 'incident id', 'incident number', 'incident no', 'ticket', 'incident ticket', 'reference');
alias('severity', 'severity', 'sev', 'severity level', 'priority level', 'impact level', 'incident severity', 'level');
alias('status', 'status', 'state', 'incident status', 'document status');
alias('owner', 'owner', 'incident owner', 'incident commander', 'ic', 'commander', 'postmortem owner', 'lead', 'incident lead');
alias('authors', 'author', 'authors', 'written by', 'created by', 'reported by');
alias('participants', 'participants', 'responders', 'people involved', 'attendees', 'people', 'team members');
alias('services', 'services', 'service', 'affected services', 'services affected', 'systems', 'affected systems', 'systems affected', 'components', 'affected components');
alias('started', 'started', 'start', 'start time', 'started at', 'onset', 'impact start', 'impact started', 'began', 'incident start', 'start of impact');
alias('detected', 'detected', 'detection', 'detected at', 'detection time', 'time detected', 'alerted', 'alerted at');
alias('acknowledged', 'acknowledged', 'ack', 'acked', 'acknowledged at');
alias('mitigated', 'mitigated', 'mitigation', 'mitigated at', 'mitigation time');
alias('resolved', 'resolved', 'resolved at', 'end', 'end time', 'ended', 'resolution time', 'recovered', 'recovered at', 'impact end', 'impact ended', 'incident end');
alias('customersAffected', 'customers affected', 'affected customers', 'users affected', 'affected users');
alias('customersReporting', 'customers reporting', 'customer reports', 'support tickets', 'customers reported');
alias('date', 'date', 'incident date', 'date of incident');
alias('timezone', 'timezone', 'tz', 'time zone', 'zone');
alias('type', 'type', 'document type');
// Every key time also as `<name> at` / `<name> time` (`started_at`, `detectedAt`, `resolved time`, `start_time`).
for (const [field, words] of [['started', ['started', 'start', 'impact started', 'impact start', 'incident started', 'incident start']], ['detected', ['detected', 'detection']],
  ['acknowledged', ['acknowledged', 'ack', 'acked', 'acknowledgement', 'acknowledgment']], ['mitigated', ['mitigated', 'mitigation']],
  ['resolved', ['resolved', 'resolution', 'recovered', 'recovery', 'ended', 'end', 'impact ended', 'impact end', 'incident ended', 'incident end']]] as [KeyTimeName, string[]][]) {
  for (const w of words) alias(field, `${w} at`, `${w} time`);
}

/**
 * Lower-case words: camelCase split (`incidentId` -> `incident id`), `_`/`-`/punctuation as spaces
 * (`started_at`, `customers-affected`), emphasis marks around the key dropped, spaces collapsed.
 */
export function normaliseKey(key: string): string {
  return key
    .replace(/^[*_`\s]+|[*_`\s]+$/g, '')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .replace(/[*`]/g, '')
    .replace(/[^\p{L}\p{N}$]+/gu, ' ')
    .trim();
}

export function fieldOfKey(key: string): Field | undefined {
  if (key.trim() === '$schema') return 'schema';
  return ALIASES[normaliseKey(key)];
}

/** A key and its value as one source wrote it, before the first one found for a field wins. */
export interface Candidate {
  key: string;
  value: string;
  range: Range;
  keyRange?: Range;
  source: Located<string>['source'];
  /** Items of a list value with their own ranges (frontmatter sequences). */
  items?: { value: string; range: Range }[];
}
