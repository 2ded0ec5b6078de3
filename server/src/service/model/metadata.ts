/**
 * Metadata: from the frontmatter and from the forms people write by hand near the top of the document —
 * `**Severity:** SEV1` / `**Severity**: SEV1` lines, `- **Start time**: ...` bullets, plain `Severity: SEV1` lines
 * (known keys only), two-column tables (`| Field | Value |`) and tiny metadata sections (`## Date`, `## Authors`, `## Status`).
 * The first value found for a field wins (frontmatter first). Unknown keys go to `extra`.
 */
import type { RootContent, Table } from 'mdast';
import type { KeyTimeName, Located, Metadata, Range } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';
import type { ParsedDocument } from '../types';
import { readFrontmatter } from './frontmatter';
import { offsetAt, offsetsOfNode, rangeFromOffsets, rangeOfNode } from './ranges';
import { classifySection, headingTitle } from './sections';
import { findDateInText, parseTimestamp } from './times';

type Field =
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

interface Candidate {
  key: string;
  value: string;
  range: Range;
  keyRange?: Range;
  source: Located<string>['source'];
  /** Items of a list value with their own ranges (frontmatter sequences). */
  items?: { value: string; range: Range }[];
}

const BOLD_LINE = /^([ \t]*(?:[-*+][ \t]+)?)(\*\*|__)([^*_\n]{1,60}?)[ \t]*(:?)[ \t]*\2[ \t]*(:?)[ \t]*(.*?)[ \t]*$/;
const PLAIN_LINE = /^([ \t]*(?:[-*+][ \t]+)?)([A-Za-z][A-Za-z .'/()-]{0,38}?)[ \t]*:[ \t]+(.*?)[ \t]*$/;
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

/** Fields a bold label line further down the document can give (`**Status**: Closed` under "## Overview"). */
const BODY_FIELDS: ReadonlySet<Field> = new Set<Field>(['incidentId', 'severity', 'status', 'owner', 'type', 'authors', 'services', 'participants']);
/** Section kinds whose bold label lines may be metadata; a timeline's or action list's `**Owner**:` is not. */
const BODY_KINDS: ReadonlySet<string> = new Set(['summary', 'other', 'impact', 'supporting_information']);

/**
 * Blocks near the top: until the first heading that names a real section (metadata headings like "## Date" do not).
 * After that, the body: small sections named by a metadata key (`## Status` + one line) and bold label lines with a
 * known key in overview-like sections, so metadata written further down counts as present (the top wins).
 */
function collectInline(doc: ParsedDocument, out: Candidate[]): void {
  const children = doc.tree.children;
  let body = false;
  let bodyKindReadable = false;
  let sectionDepth = 1;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === 'heading') {
      const title = headingTitle(doc, node);
      const kind = classifySection(title);
      if (node.depth > 1 && kind !== 'other') {
        body = true;
        bodyKindReadable = BODY_KINDS.has(kind);
        sectionDepth = node.depth;
        continue;
      }
      const field = fieldOfKey(title);
      if (field && node.depth > 1) readMetadataSection(doc, title, node, children, i, out);
      // A heading of its own ("## Incident Details") opens a readable part; a subheading ("### Add retries" under
      // the action items) stays in its section.
      else if (body && node.depth > 1 && node.depth <= sectionDepth) bodyKindReadable = true;
      continue;
    }
    if (node.type === 'paragraph' || node.type === 'list') {
      if (body && !bodyKindReadable) continue;
      const { start, end } = offsetsOfNode(doc, node);
      const block = doc.text.slice(start, end);
      // A bold pseudo-heading such as "**Timeline:**" ends the metadata region.
      const pseudo = /^(?:\*\*|__)([^*_]+?):?(?:\*\*|__):?\s*$/.exec(block);
      if (pseudo && classifySection(pseudo[1]!) !== 'other') {
        body = true;
        bodyKindReadable = false;
        continue;
      }
      readLines(doc, start, block, out, body ? 'body' : 'top');
    } else if (node.type === 'table' && (!body || bodyKindReadable)) {
      const before = out.length;
      readTable(doc, node, out);
      // Further down, a table's rows count only for the keys a bold line there could give.
      if (body) out.splice(before, out.length - before, ...out.slice(before).filter((c) => BODY_FIELDS.has(fieldOfKey(c.key) as Field)));
    }
    if (out.length > 200) return;
  }
}

function readMetadataSection(doc: ParsedDocument, title: string, heading: RootContent, children: RootContent[], i: number, out: Candidate[]): void {
  const body: RootContent[] = [];
  for (let k = i + 1; k < children.length && children[k]!.type !== 'heading'; k++) body.push(children[k]!);
  if (!body.length || body.length > 2) return;
  const { start } = offsetsOfNode(doc, body[0]!);
  const { end } = offsetsOfNode(doc, body[body.length - 1]!);
  const text = doc.text.slice(start, end);
  if (text.split('\n').length > 6) return;
  const before = out.length;
  readLines(doc, start, text, out, 'section');
  if (out.length > before) return;
  const value = text.trim();
  if (value) out.push({ key: title, value, range: rangeFromOffsets(doc, start, end), keyRange: rangeOfNode(heading), source: 'inline' });
}

/** `top`: bold lines and plain lines with known keys; `section` (under a metadata heading): any plain key; `body`: bold lines with a BODY_FIELDS key only. */
function readLines(doc: ParsedDocument, base: number, block: string, out: Candidate[], mode: 'top' | 'section' | 'body'): void {
  let offset = 0;
  for (const rawLine of block.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const bold = BOLD_LINE.exec(line);
    let key: string | undefined;
    let keyStart = 0;
    let value = '';
    let valueStart = 0;
    if (bold && (bold[4] || bold[5]) && /^[A-Za-z$]/.test(bold[3]!.trim()) && (mode !== 'body' || BODY_FIELDS.has(fieldOfKey(bold[3]!) as Field))) {
      key = bold[3]!.trim();
      keyStart = bold[1]!.length + 2 + (bold[3]!.length - bold[3]!.trimStart().length);
      value = bold[6]!;
      valueStart = line.trimEnd().length - value.length;
    } else if (mode !== 'body') {
      const plain = PLAIN_LINE.exec(line);
      if (plain && (mode === 'section' || fieldOfKey(plain[2]!))) {
        key = plain[2]!;
        keyStart = plain[1]!.length;
        value = plain[3]!;
        valueStart = line.trimEnd().length - value.length;
      }
    }
    if (key && value && key.split(/\s+/).length <= 5) {
      // Strip emphasis wrapping the whole value.
      const wrapped = /^(\*\*|__|\*|_|`)(.+)\1$/.exec(value);
      if (wrapped) {
        valueStart += wrapped[1]!.length;
        value = wrapped[2]!;
      }
      // `Severity: SEV4 · Status: draft · Owner: @kenji`: several fields on one line, split at a separator
      // that is followed by another known field's label.
      const more: { key: string; keyStart: number; value: string; valueStart: number }[] = [];
      const sep = /[ \t]+[·•|][ \t]+(?:\*\*|__)?([A-Za-z][A-Za-z .'/-]{0,38}?)[ \t]*(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)?[ \t]*:)[ \t]*/g;
      let cut = -1;
      for (let m: RegExpExecArray | null; (m = sep.exec(value));) {
        if (!fieldOfKey(m[1]!)) continue;
        if (cut < 0) cut = m.index;
        const k = m[1]!;
        more.push({ key: k, keyStart: valueStart + m.index + m[0].indexOf(k), value: '', valueStart: valueStart + m.index + m[0].length });
      }
      if (cut >= 0) {
        for (let k = 0; k < more.length; k++) {
          const endInValue = k + 1 < more.length ? value.lastIndexOf(' ', more[k + 1]!.keyStart - valueStart) : value.length;
          more[k]!.value = value.slice(more[k]!.valueStart - valueStart, endInValue).replace(/[ \t]+[·•|]?[ \t]*$/, '');
        }
        value = value.slice(0, cut);
      }
      const s = base + offset + valueStart;
      out.push({
        key,
        value: value.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1'),
        range: rangeFromOffsets(doc, s, s + value.length),
        keyRange: rangeFromOffsets(doc, base + offset + keyStart, base + offset + keyStart + key.length),
        source: 'inline',
      });
      for (const x of more) {
        if (!x.value) continue;
        const vs = base + offset + x.valueStart;
        out.push({
          key: x.key, value: x.value, range: rangeFromOffsets(doc, vs, vs + x.value.length),
          keyRange: rangeFromOffsets(doc, base + offset + x.keyStart, base + offset + x.keyStart + x.key.length), source: 'inline',
        });
      }
    }
    offset += rawLine.length + 1;
  }
}

/** Two-column tables whose first column names fields (`| Field | Value |`), or one-row tables whose header does. */
function readTable(doc: ParsedDocument, table: Table, out: Candidate[]): void {
  const cellText = (cell: RootContent): { text: string; range: Range } => {
    const { start, end } = offsetsOfNode(doc, cell);
    const raw = doc.text.slice(start, end);
    const inner = raw.replace(/^\|?[ \t]*/, '').replace(/[ \t]*\|?$/, '');
    const s = start + raw.indexOf(inner);
    const text = inner.replace(/^(\*\*|__)(.*)\1$/, '$2').replace(/:$/, '').trim();
    return { text, range: rangeFromOffsets(doc, s, s + inner.length) };
  };
  const rows = table.children.map((r) => r.children.map(cellText));
  if (rows.length < 2) return;
  const header = rows[0]!;
  if (header.length === 2 && rows.length > 1) {
    const known = rows.slice(1).filter((r) => r[0] && fieldOfKey(r[0].text)).length;
    const headerIsKey = /^(field|key|property|attribute|item|name)$/i.test(header[0]!.text);
    if (!headerIsKey && known * 2 < rows.length - 1) return;
    const body = headerIsKey ? rows.slice(1) : rows;
    for (const r of body) {
      if (!r[0]?.text || !r[1]?.text) continue;
      out.push({ key: r[0].text, value: r[1].text, range: r[1].range, keyRange: r[0].range, source: 'table' });
    }
  } else if (rows.length === 2 && header.filter((h) => fieldOfKey(h.text)).length * 2 > header.length) {
    header.forEach((h, i) => {
      const v = rows[1]![i];
      if (v?.text) out.push({ key: h.text, value: v.text, range: v.range, keyRange: h.range, source: 'table' });
    });
  }
}
