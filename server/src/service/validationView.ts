/**
 * The validation view: the plain JSON object the JSON Schema validates, built from the model,
 * plus a pointer map from JSON pointers in that object to the model ranges they came from.
 *
 *   { metadata: { title, incidentId, severity, status, owner, participants, services,
 *                 started..resolved (ISO when readable, else as written), customersAffected,
 *                 customersReporting, date, timezone, type, ...extra keys by their (lower-cased) names },
 *     sections: { summary: { title }, impact: { title }, ... }   // keyed by kind: `required` names missing ones
 *     timeline: [{ time, text, approximate }],
 *     actionItems: [{ text, owner, due, type, priority, ticket, done }] }
 *
 * Properties the document does not have are left out (so `required` reports them), never set to null.
 */
import type { Located, PostmortemModel, Range } from '../../../common/model';
import { KEY_TIME_NAMES } from '../../../common/model';
import { LINE0 } from './model/ranges';
import { fieldOfKey } from './model/metadataKeys';
import { severityKey } from './model/incidentDate';
import type { SchemaInfo } from './types';

export interface ValidationView {
  metadata: Record<string, unknown>;
  sections: Record<string, { title: string }>;
  timeline: { time: string; text: string; approximate: boolean }[];
  actionItems: Record<string, unknown>[];
}

export interface PointerInfo {
  /** Where the value is written. */
  range: Range;
  /** Where its key/label is written, when there is one. */
  keyRange?: Range;
  /** The value as the author wrote it (before normalisation), for messages. */
  written?: string;
}

/** JSON pointer (RFC 6901, as ajv's instancePath) -> where that thing is in the document. */
export interface Pointers {
  get(pointer: string): PointerInfo | undefined;
}

export interface ViewResult {
  view: ValidationView;
  pointers: Pointers;
}


/**
 * `SEV-2`, `sev 2`, `Sev2` -> `SEV2`; anything else as written (trimmed), so a team's own scale ("critical") is
 * compared as the team wrote it. The one severity normaliser: `severityKey` (model/incidentDate.ts) is its key form.
 */
export function normalizeSeverity(value: string): string {
  const key = severityKey(value);
  return /^SEV\d$/.test(key) && /\d/.test(value) ? key : value.trim();
}

/**
 * A value as the schema will compare it: `Draft`, `In-Review`, `in_review` -> `draft`, `in review`, and through the
 * schema's `x-synonyms` (`Closed` -> `final` with the built-in schema). Unknown values stay as written (normalised).
 */
export function normalizeStatus(value: string, synonyms?: Record<string, string>): string {
  const key = synonymKey(value);
  return synonyms?.[key] ?? key;
}

/** How a written value is compared with synonyms: "In-Review" -> "in review", "High (…)" -> "high". */
export function synonymKey(value: string): string {
  // "High (control-plane node disruption)": the words in parentheses explain the value, they are not part of it.
  return value.replace(/\s*\([^()]*\)\s*$/, '').trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The title line: the first depth-1 heading, else the title's range, else the first line. */
export function titleRange(model: PostmortemModel): Range {
  const h1 = model.sections.find((s) => s.depth === 1);
  if (h1) return h1.headingRange;
  if (model.metadata.title) return model.metadata.title.range;
  return LINE0;
}

/** Where a missing metadata key belongs: the frontmatter's opening line, else the title line. */
export function metadataAnchor(model: PostmortemModel): Range {
  const fm = model.metadata.frontmatter;
  if (fm) return { start: fm.range.start, end: { line: fm.range.start.line, character: fm.range.start.character + 3 } };
  return titleRange(model);
}

export function buildValidationView(model: PostmortemModel, schema?: Pick<SchemaInfo, 'metadataKeys'>): ViewResult {
  // Timeline entries' and action items' pointers are worked out when asked for (an error names one): a long
  // timeline is validated on every edit and almost never has an error.
  const fixed = new Map<string, PointerInfo>();
  const pointers: Pointers = { get: (pointer) => fixed.get(pointer) ?? itemPointer(model, pointer) };
  const md = model.metadata;
  const metadata: Record<string, unknown> = {};
  fixed.set('', { range: titleRange(model) });
  fixed.set('/metadata', { range: metadataAnchor(model) });

  const put = (key: string, loc: Located<string> | undefined, normalize?: (v: string) => string): void => {
    if (!loc) return;
    metadata[key] = normalize ? normalize(loc.value) : loc.value;
    fixed.set(`/metadata/${escapePointer(key)}`, { range: loc.range, keyRange: loc.keyRange ?? keyRangeOf(model, key), written: loc.value });
  };

  // Extra keys first, so the known keys win when a name collides.
  const fmData = md.frontmatter?.data ?? {};
  const fmByLower = new Map<string, unknown>();
  for (const [k, v] of Object.entries(fmData)) fmByLower.set(k.toLowerCase(), v);
  for (const [key, loc] of Object.entries(md.extra ?? {})) {
    const typed = loc.source === 'frontmatter' && fmByLower.has(key) ? fmByLower.get(key) : loc.value;
    metadata[key] = typed === undefined ? loc.value : typed;
    const info: PointerInfo = { range: loc.range, written: loc.value };
    const keyRange = loc.keyRange ?? keyRangeOf(model, key);
    if (keyRange) info.keyRange = keyRange;
    fixed.set(`/metadata/${escapePointer(key)}`, info);
  }

  put('title', md.title);
  put('incidentId', md.incidentId);
  const synonymsOf = (key: string) => schema?.metadataKeys.find((k) => k.key === key)?.synonyms;
  const severitySynonyms = synonymsOf('severity');
  put('severity', md.severity, (v) => severitySynonyms?.[synonymKey(v)] ?? normalizeSeverity(v));
  const statusSynonyms = synonymsOf('status');
  put('status', md.status, (v) => normalizeStatus(v, statusSynonyms));
  put('owner', md.owner);
  put('customersAffected', md.customersAffected);
  put('customersReporting', md.customersReporting);
  put('date', md.date);
  put('timezone', md.timezone);
  put('type', md.type);
  for (const [key, list] of [['participants', md.participants], ['services', md.services]] as const) {
    if (!list || list.length === 0) continue;
    metadata[key] = list.map((l) => l.value);
    const first = list[0]!;
    const last = list[list.length - 1]!;
    fixed.set(`/metadata/${key}`, { range: { start: first.range.start, end: last.range.end }, keyRange: first.keyRange ?? keyRangeOf(model, key) });
    list.forEach((l, i) => fixed.set(`/metadata/${key}/${i}`, { range: l.range, written: l.value }));
  }
  // Frontmatter keys written without a value (`severity:`): not in the view, but errors about them point at the key.
  for (const [k, r] of Object.entries(md.frontmatter?.keys ?? {})) {
    const v = fmData[k];
    if (v !== null && v !== undefined && v !== '') continue;
    const name = `/metadata/${escapePointer(fieldOfKey(k) ?? k)}`;
    if (!fixed.has(name)) fixed.set(name, { range: r.keyRange, keyRange: r.keyRange });
  }
  for (const name of KEY_TIME_NAMES) {
    const t = md.times?.[name];
    if (!t) continue;
    metadata[name] = t.iso ?? t.raw;
    const info: PointerInfo = { range: t.range, written: t.raw };
    const keyRange = keyRangeOf(model, name);
    if (keyRange) info.keyRange = keyRange;
    fixed.set(`/metadata/${name}`, info);
  }

  const sections: Record<string, { title: string }> = {};
  const timelineSection = model.sections.find((s) => s.kind === 'timeline');
  const actionSection = model.sections.find((s) => s.kind === 'action_items');
  fixed.set('/sections', { range: titleRange(model) });
  for (const s of model.sections) {
    if (s.kind === 'other' || sections[s.kind]) continue;
    sections[s.kind] = { title: s.title };
    fixed.set(`/sections/${s.kind}`, { range: s.headingRange, written: s.title });
    fixed.set(`/sections/${s.kind}/title`, { range: s.headingRange, written: s.title });
  }

  fixed.set('/timeline', { range: timelineSection?.headingRange ?? titleRange(model) });
  const timeline = model.timeline.map((e) => ({ time: e.iso ?? e.rawTime, text: e.text, approximate: e.approximate }));

  fixed.set('/actionItems', { range: actionSection?.headingRange ?? titleRange(model) });
  const actionItems = model.actionItems.map((item) => {
    const out: Record<string, unknown> = { text: item.text, done: item.done };
    for (const field of ['owner', 'type', 'priority', 'ticket'] as const) {
      const loc = item[field];
      if (loc) out[field] = field === 'type' ? loc.value.trim().toLowerCase() : loc.value;
    }
    if (item.due) out.due = /^\d{4}-\d{2}-\d{2}$/.test(item.due.value) ? item.due.value : item.due.raw || item.due.value;
    return out;
  });

  return { view: { metadata, sections, timeline, actionItems }, pointers };
}

/** `/timeline/3/time`, `/actionItems/0/due`...: where that entry or item (or its field) is written. */
function itemPointer(model: PostmortemModel, pointer: string): PointerInfo | undefined {
  const m = /^\/(timeline|actionItems)\/(0|[1-9]\d*)(?:\/([^/]+))?$/.exec(pointer);
  if (!m) return undefined;
  const field = m[3];
  if (m[1] === 'timeline') {
    const e = model.timeline[Number(m[2])];
    if (!e) return undefined;
    if (field === undefined) return { range: e.range };
    if (field === 'time') return { range: e.timeRange, written: e.rawTime };
    if (field === 'text') return { range: e.range, written: e.text };
    if (field === 'approximate') return { range: e.timeRange };
    return undefined;
  }
  const item = model.actionItems[Number(m[2])];
  if (!item) return undefined;
  if (field === undefined || field === 'text') return { range: item.range, written: item.text };
  if (field === 'done') return { range: item.range };
  if (field === 'owner' || field === 'type' || field === 'priority' || field === 'ticket') {
    const loc = item[field];
    return loc ? { range: loc.range, written: loc.value } : undefined;
  }
  if (field === 'due' && item.due) return { range: item.due.range, written: item.due.raw || item.due.value };
  return undefined;
}

function keyRangeOf(model: PostmortemModel, key: string): Range | undefined {
  const keys = model.metadata.frontmatter?.keys;
  if (!keys) return undefined;
  if (keys[key]) return keys[key]!.keyRange;
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(keys)) if (k.toLowerCase() === lower) return v.keyRange;
  return undefined;
}

/** The nearest recorded place for a pointer: itself, else its closest ancestor. */
export function locate(pointers: Pointers, pointer: string): PointerInfo {
  let p = pointer;
  for (;;) {
    const hit = pointers.get(p);
    if (hit) return hit;
    if (p === '') return { range: LINE0 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
