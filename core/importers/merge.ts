/**
 * The one merge: chosen entries -> text edits against the document, computed from its model (timeline entries with
 * their style, ranges and zone; sections; metadata). The editor applies them as one WorkspaceEdit, the CLI to the file
 * it re-read. The document's lines are read only at ranges the model gives, to copy the form of the neighbouring entry.
 *
 * Idempotence: an entry is already there when the timeline has an entry at the same minute whose text starts with the
 * same author and words (compared on letters and digits only, so escaping, emphasis and table cells do not matter).
 * Matching is a multiset: two identical messages in the same minute need two entries. A reply is there when its thread's
 * entry holds its words. No hidden marker is written, so the document stays plain Markdown and a person may retype,
 * reorder or restyle entries freely; an entry whose time or opening words were changed is imported again.
 */
import { SECTION_ORDER, type PostmortemModel, type Position, type Range, type TimelineEntry } from '../../common/model';
import { metadataEdits } from './metadataEdits';
import { formatTime, renderThread, splitRow, wallTime, type Template } from './render';
import type { ImportedEntry } from './types';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface MergeRequest {
  model: PostmortemModel;
  /** The document's lines (without line breaks), as the model was built from. */
  lines: readonly string[];
  /** Chosen entries (thread parents included, see select.ts). */
  entries: readonly ImportedEntry[];
  /** Zone for times when neither the document nor its timeline names one (the `postmortem.defaultTimezone` setting). */
  defaultZone: string;
  /** Add the people who wrote the entries to the metadata's participants. */
  addParticipants?: boolean;
  /** The document's line break; edits use it too. */
  eol?: '\n' | '\r\n';
}

export interface MergePlan {
  edits: TextEdit[];
  /** Entries written (replies inside their thread's entry included). */
  added: ImportedEntry[];
  /** Entries the timeline already has. */
  present: ImportedEntry[];
  participantsAdded: string[];
  keyTimesFilled: string[];
  /** What could not be done, for the user (no frontmatter to hold key times…). */
  notes: string[];
}

/** The zone the document's times are in: metadata, else the zone its entries were read in, else the default. */
export function documentZone(model: PostmortemModel, defaultZone: string): string {
  if (model.metadata.timezone?.value.trim()) return model.metadata.timezone.value.trim();
  for (let i = model.timeline.length - 1; i >= 0; i--) {
    const z = model.timeline[i]!.zone;
    if (z) return z;
  }
  return defaultZone || 'UTC';
}

/** Letters and digits only, lower-cased, entities and link targets dropped: how entry texts are compared. */
export function matchKey(markdown: string): string {
  return markdown
    .replace(/\]\((?:[^()]|\([^)]*\))*\)/g, ']')
    .replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const PREFIX = 60;
const minuteOf = (iso: string) => new Date(Math.floor(Date.parse(iso) / 60_000) * 60_000).toISOString();

/** Threads: each first message with its replies, in time order of the first message. */
function threadsOf(entries: readonly ImportedEntry[]): ImportedEntry[][] {
  const ids = new Set(entries.map((e) => e.id));
  const byParent = new Map<string, ImportedEntry[]>();
  const tops: ImportedEntry[] = [];
  for (const e of entries) {
    if (e.parentId && ids.has(e.parentId)) byParent.set(e.parentId, [...(byParent.get(e.parentId) ?? []), e]);
    else tops.push(e);
  }
  const sorted = (xs: ImportedEntry[]) => [...xs].sort((a, b) => a.instant.localeCompare(b.instant) || a.id.localeCompare(b.id));
  return sorted(tops).map((t) => [t, ...sorted(byParent.get(t.id) ?? [])]);
}

/** Position after the last character of an entry (a table row is one line). */
function endOfEntry(e: TimelineEntry, lines: readonly string[]): Position {
  let line = e.style === 'table' ? e.range.start.line : e.range.end.line;
  if (e.style !== 'table' && e.range.end.character === 0 && line > e.range.start.line) line--;
  // Trailing blank lines inside a heading entry's range stay after the new entry.
  while (line > e.range.start.line && !(lines[line] ?? '').trim()) line--;
  return { line, character: (lines[line] ?? '').length };
}

function templateOf(e: TimelineEntry, lines: readonly string[]): Template {
  const line = lines[e.range.start.line] ?? '';
  const onLine = e.timeRange.start.line === e.range.start.line && e.timeRange.end.line === e.timeRange.start.line;
  const t: Template = { style: e.style, line, timeStart: onLine ? e.timeRange.start.character : 0, timeEnd: onLine ? e.timeRange.end.character : 0 };
  if (e.style === 'table') {
    // The header is the row above the delimiter row above the first row of this table.
    for (let i = e.range.start.line - 1, n = 0; i > 0 && n < 100_000 && (lines[i] ?? '').includes('|'); i--, n++) {
      if (/^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[i]!)) {
        t.header = splitRow(lines[i - 1] ?? '').cells;
        break;
      }
    }
  }
  return t;
}

/** The form of a timeline that has no entries yet: a list, times with the zone unless the metadata names it. */
function freshTemplate(model: PostmortemModel, zone: string): Template {
  const sample = model.metadata.timezone ? '- 00:00 — ' : `- 00:00 ${zone} — `;
  return { style: 'list', line: sample, timeStart: 2, timeEnd: model.metadata.timezone ? 7 : 8 + zone.length };
}

/** The date the model's reader gives a time-only entry written first: impact start, else the stated date. */
function initialDate(model: PostmortemModel, zone: string): string | undefined {
  const started = model.metadata.times.started?.iso;
  if (started) return wallTime(started, zone).date;
  const date = model.metadata.date?.value;
  return date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : undefined;
}

interface Insertion {
  at: Position;
  /** Insert before the anchor (at the start of the first entry) instead of after it. */
  before: boolean;
  template: Template;
  anchor?: TimelineEntry;
  threads: ImportedEntry[][];
}

export function planMerge(req: MergeRequest): MergePlan {
  const { model, lines } = req;
  const zone = documentZone(model, req.defaultZone);
  const plan: MergePlan = { edits: [], added: [], present: [], participantsAdded: [], keyTimesFilled: [], notes: [] };
  const timed = model.timeline.filter((e) => e.iso);
  const used = new Set<TimelineEntry>();
  const entryKey = (e: TimelineEntry) => matchKey(e.text);

  /** The existing entry this one already is, if any (and marks it used). */
  const existing = (x: ImportedEntry): TimelineEntry | undefined => {
    const minute = minuteOf(x.instant);
    const key = matchKey(`${x.author}: ${x.text}`).slice(0, PREFIX);
    const found = timed.find((e) => !used.has(e) && minuteOf(e.iso!) === minute && entryKey(e).startsWith(key));
    if (found) used.add(found);
    return found;
  };

  // Which threads (or replies of threads already written) are new.
  const fresh: ImportedEntry[][] = [];
  for (const thread of threadsOf(req.entries)) {
    const [top, ...replies] = thread;
    const there = existing(top!);
    if (!there) {
      fresh.push(thread);
      continue;
    }
    plan.present.push(top!);
    const held = entryKey(there);
    for (const r of replies) {
      const words = matchKey(`${r.author}: ${r.text}`).slice(0, PREFIX);
      // The model keeps the first 1,000 characters of an entry: a long thread's tail cannot be checked, so it is kept.
      if (held.includes(words) || there.text.endsWith('…')) plan.present.push(r);
      else if (!existing(r)) fresh.push([r]);
      else plan.present.push(r);
    }
  }

  // Where each new thread goes: after the last entry (in document order) at or before its time.
  const insertions = new Map<string, Insertion>();
  const timelineSection = model.sections.find((s) => s.kind === 'timeline');
  for (const thread of fresh) {
    const t = thread[0]!.instant;
    let anchor: TimelineEntry | undefined;
    for (const e of timed) if (e.iso! <= t && (!anchor || e.range.start.line > anchor.range.start.line)) anchor = e;
    let ins: Insertion;
    if (anchor) {
      const key = `after:${anchor.range.start.line}`;
      ins = insertions.get(key) ?? { at: endOfEntry(anchor, lines), before: false, template: templateOf(anchor, lines), anchor, threads: [] };
      insertions.set(key, ins);
    } else {
      const first = [...(timed.length ? timed : model.timeline)].sort((a, b) => a.range.start.line - b.range.start.line)[0];
      if (first) {
        ins = insertions.get('before') ?? { at: { line: first.range.start.line, character: 0 }, before: true, template: templateOf(first, lines), anchor: first, threads: [] };
      } else {
        ins = insertions.get('before') ?? { at: { line: 0, character: 0 }, before: true, template: freshTemplate(model, zone), threads: [] };
      }
      insertions.set('before', ins);
    }
    ins.threads.push(thread);
  }

  const carried = (ins: Insertion): { date?: string; minutes?: number } => {
    if (ins.anchor?.iso && !ins.before) {
      const w = wallTime(ins.anchor.iso, ins.anchor.zone ?? zone);
      return { date: w.date, minutes: w.minutes };
    }
    if (ins.anchor?.iso && ins.before && !/\d{4}-\d{2}-\d{2}/.test(ins.anchor.rawTime)) return { date: wallTime(ins.anchor.iso, ins.anchor.zone ?? zone).date };
    const d = initialDate(model, zone);
    return d ? { date: d } : {};
  };

  for (const ins of insertions.values()) {
    const entryZone = ins.anchor?.zone ?? zone;
    let { date, minutes } = carried(ins);
    const blocks: string[] = [];
    for (const thread of ins.threads) {
      const top = thread[0]!;
      const w = wallTime(top.instant, entryZone);
      // A date when the reader would otherwise take another day (a new day, or a time that looks like a rollover).
      const withDate = date === undefined || w.date !== date || (minutes !== undefined && w.minutes < minutes - 6 * 60);
      const raw = ins.template.line.slice(ins.template.timeStart, ins.template.timeEnd);
      const topTime = formatTime(raw, w, top.instant, withDate);
      const replyTimes = thread.slice(1).map((r) => {
        const rw = wallTime(r.instant, entryZone);
        return formatTime(raw.replace(/\d{4}-\d{2}-\d{2}[ T]?/, ''), rw, r.instant, rw.date !== w.date);
      });
      blocks.push(renderThread(ins.template, thread, { top: topTime, replies: replyTimes }));
      date = w.date;
      minutes = w.minutes;
      plan.added.push(...thread);
    }
    const spaced = ins.template.style === 'heading' || ins.template.style === 'paragraph';
    const joiner = spaced ? '\n\n' : '\n';
    let text = blocks.join(joiner);
    if (!ins.anchor) {
      plan.edits.push(newTimeline(model, lines, text, timelineSection));
      continue;
    }
    text = ins.before ? `${text}${joiner}` : `${joiner}${text}`;
    // The entry after the new ones takes its day from them when it names none: it gets its date if it would read another.
    const next = ins.before ? ins.anchor : nextInDocument(model.timeline, ins.anchor);
    const fix = next ? dateFor(next, lines, date, minutes, zone) : null;
    if (fix && fix.at.line === ins.at.line && fix.at.character === ins.at.character) text += fix.text;
    else if (fix) plan.edits.push({ range: { start: fix.at, end: fix.at }, newText: fix.text });
    plan.edits.push({ range: { start: ins.at, end: ins.at }, newText: text });
  }

  const meta = metadataEdits(model, lines, req.entries, plan.added, zone, !!req.addParticipants);
  plan.edits.push(...meta.edits);
  plan.participantsAdded = meta.participants;
  plan.keyTimesFilled = meta.keyTimes;
  plan.notes.push(...meta.notes);
  if (req.eol === '\r\n') for (const e of plan.edits) e.newText = e.newText.replace(/\r?\n/g, '\r\n');
  plan.edits.sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  return plan;
}

function nextInDocument(entries: readonly TimelineEntry[], after: TimelineEntry): TimelineEntry | undefined {
  let next: TimelineEntry | undefined;
  for (const e of entries) {
    if (e.range.start.line > after.range.start.line && (!next || e.range.start.line < next.range.start.line)) next = e;
  }
  return next;
}

const addDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The date to write before an existing date-less entry that follows new ones, when the reader (carrying the day from
 * the entry before, rolling to the next day when the time goes back by more than six hours) would give it another day.
 */
function dateFor(e: TimelineEntry, lines: readonly string[], date: string | undefined, minutes: number | undefined, zone: string): { at: Position; text: string } | null {
  if (!e.iso || date === undefined || /\d{4}-\d{2}-\d{2}/.test(e.rawTime) || e.timeRange.start.line !== e.timeRange.end.line) return null;
  // Only before a bare time: a date outside emphasis (`2024-03-10 **14:03**`) would not be read with it.
  if (!/^\d/.test((lines[e.timeRange.start.line] ?? '').slice(e.timeRange.start.character))) return null;
  const w = wallTime(e.iso, e.zone ?? zone);
  const read = minutes !== undefined && w.minutes < minutes - 6 * 60 ? addDay(date) : date;
  return read === w.date ? null : { at: e.timeRange.start, text: `${w.date} ` };
}

/** Entries for a timeline with none: under its heading (after what the section says), or a new section in its place. */
function newTimeline(model: PostmortemModel, lines: readonly string[], list: string, section: PostmortemModel['sections'][number] | undefined): TextEdit {
  if (section) {
    let line = Math.min(section.bodyRange.end.line, lines.length - 1);
    if (section.bodyRange.end.character === 0 && line > section.headingRange.end.line) line--;
    while (line > section.headingRange.end.line && !(lines[line] ?? '').trim()) line--;
    const at = { line, character: (lines[line] ?? '').length };
    return { range: { start: at, end: at }, newText: `\n\n${list}` };
  }
  // Canonical place: before the first section that comes after the timeline, else at the end.
  const order = (k: string) => SECTION_ORDER.indexOf(k as (typeof SECTION_ORDER)[number]);
  const tops = model.sections.filter((s) => s.parent === -1 || s.depth <= 2);
  const depth = tops.find((s) => s.kind !== 'other')?.depth ?? 2;
  const next = tops.find((s) => s.depth === depth && s.kind !== 'other' && order(s.kind) > order('timeline'));
  const heading = `${'#'.repeat(depth)} Timeline\n\n${list}\n`;
  if (next) {
    const at = { line: next.headingRange.start.line, character: 0 };
    return { range: { start: at, end: at }, newText: `${heading}\n` };
  }
  const last = lines.length - 1;
  const at = { line: Math.max(0, last), character: (lines[last] ?? '').length };
  const gap = (lines[last] ?? '').trim() ? '\n\n' : lines.length > 1 && (lines[last - 1] ?? '').trim() ? '\n' : '';
  return { range: { start: at, end: at }, newText: `${gap}${heading}` };
}

/** Applies edits (non-overlapping) to a text: for the CLI and tests; the editor uses a WorkspaceEdit. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position) => {
    const base = starts[Math.min(p.line, starts.length - 1)]!;
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1]! - 1 : text.length;
    return Math.min(base + p.character, lineEnd);
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
