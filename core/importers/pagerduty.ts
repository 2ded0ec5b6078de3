/**
 * PagerDuty incident log entries (`GET /incidents/{id}/log_entries`: `{ log_entries: [...], more, offset }`, or a
 * list) -> ImportedEntry. Triggers, acknowledgements, escalations, notes and resolutions become entries; the first
 * trigger marks `detected`, the first acknowledgement `acknowledged`, the last resolution `resolved`.
 */
import type { KeyTimeName } from '../../common/model';
import { escapeText } from './markdown';
import { inWindow, isObject, isoMillis, obj, str, type JsonObject } from './json';
import { ImportError, type ConvertOptions, type ImportedEntry } from './types';

const KINDS: Record<string, { verb: string; marks?: KeyTimeName }> = {
  trigger_log_entry: { verb: 'Triggered', marks: 'detected' },
  acknowledge_log_entry: { verb: 'Acknowledged', marks: 'acknowledged' },
  escalate_log_entry: { verb: 'Escalated' },
  annotate_log_entry: { verb: 'Note' },
  resolve_log_entry: { verb: 'Resolved', marks: 'resolved' },
};

/** Log entries of one page or file. */
export function pagerDutyEntriesOf(json: unknown, file = 'file'): JsonObject[] {
  let list: unknown[] | undefined;
  if (Array.isArray(json)) list = json;
  else if (isObject(json) && Array.isArray(json['log_entries'])) list = json['log_entries'];
  else if (isObject(json) && isObject(json['log_entry'])) list = [json['log_entry']];
  if (!list) throw new ImportError(`${file}: not PagerDuty log entries (expected { "log_entries": [ … ] })`, 'foreign');
  const entries = list.filter(isObject);
  if (list.length > 0 && !entries.some((e) => /_log_entry$/.test(str(e, 'type') ?? ''))) {
    throw new ImportError(`${file}: not PagerDuty log entries (no entry has a type such as trigger_log_entry)`, 'foreign');
  }
  return entries;
}

function noteOf(e: JsonObject): string {
  const channel = obj(e, 'channel');
  return (str(channel, 'summary') ?? str(channel, 'content') ?? str(channel, 'notes') ?? '').trim();
}

function textOf(e: JsonObject, verb: string): string {
  const type = str(e, 'type');
  const summary = str(e, 'summary')?.trim() ?? '';
  if (type === 'annotate_log_entry') {
    const note = noteOf(e);
    return note ? `Note: ${escapeText(note)}` : escapeText(summary || verb);
  }
  if (type === 'trigger_log_entry') {
    const description = str(obj(e, 'event_details'), 'description')?.trim() || str(obj(e, 'channel'), 'summary')?.trim();
    const incident = str(obj(e, 'incident'), 'summary')?.trim();
    const what = description || incident;
    // "Triggered through the API." says how, not what: the alert's own description is the entry.
    return escapeText(what && !summary.includes(what) ? `${verb}: ${what}` : summary || verb);
  }
  return escapeText(summary || verb);
}

export function convertPagerDutyEntries(entries: readonly JsonObject[], options: ConvertOptions = {}): ImportedEntry[] {
  const out: ImportedEntry[] = [];
  const seen = new Set<string>();
  const typeById = new Map<string, string>();
  for (const e of entries) {
    const type = str(e, 'type');
    const kind = type ? KINDS[type] : undefined;
    const ms = isoMillis(e['created_at']);
    if (!kind || ms === undefined) continue;
    const id = str(e, 'id') ?? `${type}@${e['created_at']}`;
    if (seen.has(id) || !inWindow(ms, options.since, options.until)) continue;
    seen.add(id);
    typeById.set(`pagerduty:${id}`, type!);
    const agent = obj(e, 'agent');
    const author = str(agent, 'summary')?.trim() || 'PagerDuty';
    const entry: ImportedEntry = {
      source: 'pagerduty',
      id: `pagerduty:${id}`,
      instant: new Date(ms).toISOString(),
      author,
      text: textOf(e, kind.verb),
      flags: { pinned: false, reactions: 0, bot: str(agent, 'type')?.startsWith('user') !== true, keyWords: [type!.replace(/_log_entry$/, '')], edited: false, files: [] },
      suggested: true,
    };
    const agentId = str(agent, 'id');
    if (agentId && str(agent, 'type')?.startsWith('user')) entry.authorId = agentId;
    out.push(entry);
  }
  out.sort((a, b) => (a.instant < b.instant ? -1 : a.instant > b.instant ? 1 : a.id < b.id ? -1 : 1));
  // Which entries mark key moments: the first trigger and acknowledgement, the last resolution.
  const marks = (x: ImportedEntry) => KINDS[typeById.get(x.id) ?? '']?.marks;
  const firstOf = (m: KeyTimeName) => out.find((x) => marks(x) === m);
  const lastOf = (m: KeyTimeName) => [...out].reverse().find((x) => marks(x) === m);
  for (const [m, pick] of [['detected', firstOf], ['acknowledged', firstOf], ['resolved', lastOf]] as const) {
    const x = pick(m);
    if (x) x.marks = m;
  }
  return out;
}
