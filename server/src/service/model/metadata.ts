/**
 * Metadata: from the frontmatter and from the forms people write by hand near the top of the document —
 * `**Severity:** SEV1` / `**Severity**: SEV1` lines, `- **Start time**: ...` bullets, plain `Severity: SEV1` lines
 * (known keys only), two-column tables (`| Field | Value |`) and tiny metadata sections (`## Date`, `## Authors`, `## Status`).
 * The first value found for a field wins (frontmatter first). Unknown keys go to `extra`.
 *
 * Here: the frontmatter's values, what is read once every candidate is known (title, zone, date, key times) and how
 * a value is applied to its field. Keys are named in `metadataKeys.ts`; the hand-written forms are read in
 * `inlineMetadata.ts`.
 */
import type { KeyTimeName, Located, Metadata, Range } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';
import type { ParsedDocument } from '../types';
import { readFrontmatter } from './frontmatter';
import { offsetAt, offsetsOfNode, rangeFromOffsets, rangeOfNode } from './ranges';
import { headingTitle } from './sections';
import { findDateInText } from './proseDates';
import { parseTimestamp } from './times';
import { collectInline } from './inlineMetadata';
import { type Candidate, type Field, fieldOfKey } from './metadataKeys';

const ALL_TIMES = /(?<![A-Za-z])all\s+times\s+(?:are\s+)?(?:(?:shown|given|listed)\s+)?(?:in\s+)?([A-Za-z][^.,;\n_*]{0,40})/i;

/** The zone named by the words after "All times": "PDT (UTC-7)" -> PDT, "Central European Time (CET)" -> CET. */
export function zoneFromWords(words: string): { value: string; index: number } | null {
  const first = /^[A-Za-z]+\/[A-Za-z_]+|^[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\b/.exec(words);
  if (first) return { value: first[0], index: 0 };
  const abbr = /\(([A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)\)/.exec(words);
  if (abbr) return { value: abbr[1]!, index: abbr.index + 1 };
  const t = words.trim();
  return t ? { value: t, index: 0 } : null;
}

export function readMetadata(doc: ParsedDocument, settings: PostmortemSettings): Metadata {
  const meta: Metadata = { frontmatter: null, participants: [], services: [], times: {}, extra: {} };
  try {
    fill(doc, settings, meta);
  } catch {
    // Never throw: keep what was read.
  }
  return meta;
}

function fill(doc: ParsedDocument, settings: PostmortemSettings, meta: Metadata): void {
  const candidates: Candidate[] = [];
  const fm = readFrontmatter(doc);
  meta.frontmatter = fm;
  if (fm) {
    for (const [key, r] of Object.entries(fm.keys)) {
      const v = fm.data[key];
      if (v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v))) {
        if (v && typeof v === 'object') meta.extra[key.toLowerCase()] = { value: JSON.stringify(v), range: r.valueRange, keyRange: r.keyRange, source: 'frontmatter' };
        continue;
      }
      const value = Array.isArray(v) ? v.map(String).join(', ') : String(v);
      const c: Candidate = { key, value, range: r.valueRange, keyRange: r.keyRange, source: 'frontmatter' };
      if (Array.isArray(v)) c.items = sequenceItems(doc, r.valueRange, v.map(String));
      candidates.push(c);
    }
  }
  collectInline(doc, candidates);
  for (const c of candidates) apply(meta, c);

  // Title: else the first H1.
  if (!meta.title) {
    const h1 = doc.tree.children.find((n) => n.type === 'heading' && n.depth === 1);
    if (h1 && h1.type === 'heading') meta.title = { value: headingTitle(doc, h1), range: rangeOfNode(h1), source: 'inline' };
  }
  // Timezone: else an "All times PDT" sentence anywhere in the prose.
  if (!meta.timezone) {
    for (const node of doc.tree.children) {
      if (node.type !== 'paragraph' && node.type !== 'heading') continue;
      const { start, end } = offsetsOfNode(doc, node);
      const m = ALL_TIMES.exec(doc.text.slice(start, end));
      const z = m ? zoneFromWords(m[1]!) : null;
      if (m && z) {
        const s = start + m.index + m[0].length - m[1]!.length + z.index;
        meta.timezone = { value: z.value, range: rangeFromOffsets(doc, s, s + z.value.length), source: 'inline' };
        break;
      }
    }
  }
  if (meta.date) {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(meta.date.value) ? meta.date.value : findDateInText(meta.date.value)?.iso;
    if (d) meta.date = { ...meta.date, value: d };
  }
  const zone = meta.timezone?.value ?? null;
  for (const c of candidates) {
    const field = fieldOfKey(c.key);
    if (!field || !isTime(field) || meta.times[field]) continue;
    let parsed: { iso: string | null } = { iso: null };
    try {
      parsed = parseTimestamp(c.value, { ...(meta.date ? { date: meta.date.value } : {}), zone, defaultZone: settings.defaultTimezone });
    } catch {
      // unreadable: iso stays null
    }
    meta.times[field] = { raw: c.value, iso: parsed.iso, range: c.range, source: c.source };
  }
}

function isTime(field: Field): field is KeyTimeName {
  return field === 'started' || field === 'detected' || field === 'acknowledged' || field === 'mitigated' || field === 'resolved';
}

function apply(meta: Metadata, c: Candidate): void {
  const field = fieldOfKey(c.key);
  const located: Located<string> = { value: c.value, range: c.range, source: c.source, ...(c.keyRange ? { keyRange: c.keyRange } : {}) };
  if (!field) {
    const k = c.key.toLowerCase().trim();
    if (k && !(k in meta.extra)) meta.extra[k] = located;
    return;
  }
  if (isTime(field)) return; // read once the date and zone are known
  const list = (): Located<string>[] => (c.items ?? splitList(c)).map((i) => ({ value: i.value, range: i.range, source: c.source, ...(c.keyRange ? { keyRange: c.keyRange } : {}) }));
  switch (field) {
    case 'status':
      if (!meta.status) meta.status = statusWords(located);
      return;
    case 'participants':
    case 'services':
      if (!meta[field].length) meta[field] = list();
      return;
    case 'authors':
      if (!meta.owner) meta.owner = located;
      if (!meta.participants.length) meta.participants = list();
      return;
    default:
      if (!meta[field]) meta[field] = located;
  }
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** Where a status word ends and its explanation begins: punctuation, a date or number, or a linking word. */
const STATUS_TAIL = new RegExp(`^([A-Za-z][A-Za-z'-]*(?:[ \\t]+[A-Za-z][A-Za-z'-]*)??)(?=[ \\t]*[,;:(\u2013\u2014.]|[ \\t]+-[ \\t]|[ \\t]+(?:\\d|${MONTH}\\b|(?:on|at|since|after|as of|with|by|following|per|pending)\\b))`, 'i');

/**
 * A status is a word or two; a value that goes on (`Closed April 14, after the fix shipped`) has its status first.
 * The explanation is dropped, and the range narrows to the status words, so the schema compares `Closed`.
 */
function statusWords(loc: Located<string>): Located<string> {
  const m = STATUS_TAIL.exec(loc.value.trim());
  if (!m || loc.range.start.line !== loc.range.end.line) return loc;
  const lead = loc.value.length - loc.value.trimStart().length;
  const start = { line: loc.range.start.line, character: loc.range.start.character + lead };
  return { ...loc, value: m[1]!, range: { start, end: { line: start.line, character: start.character + m[1]!.length } } };
}

/** Split "a, b; c" into items with their own ranges (ranges on one line only; otherwise the whole range). */
function splitList(c: Candidate): { value: string; range: Range }[] {
  if (c.range.start.line !== c.range.end.line) return c.value.split(/\s*[,;]\s*/).filter(Boolean).map((value) => ({ value, range: c.range }));
  const out: { value: string; range: Range }[] = [];
  const re = /[^,;]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(c.value))) {
    const lead = m[0].length - m[0].trimStart().length;
    const value = m[0].trim();
    if (!value) continue;
    const ch = c.range.start.character + m.index + lead;
    out.push({ value, range: { start: { line: c.range.start.line, character: ch }, end: { line: c.range.start.line, character: ch + value.length } } });
  }
  return out;
}

/** Ranges of the items of a frontmatter sequence, found by searching the value text in order. */
function sequenceItems(doc: ParsedDocument, range: Range, items: string[]): { value: string; range: Range }[] {
  const start = offsetAt(doc, range.start);
  const end = offsetAt(doc, range.end);
  let at = start;
  return items.map((value) => {
    const i = doc.text.indexOf(value, at);
    if (i < 0 || i >= end) return { value, range };
    at = i + value.length;
    return { value, range: rangeFromOffsets(doc, i, i + value.length) };
  });
}
