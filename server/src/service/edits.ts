/**
 * Text edits shared by completions and code actions: section skeletons, inserting a section at its
 * canonical place, sorting the timeline, filling action-item fields and replacing timestamps.
 * Computed from the model's ranges and the text (never the tree), returned as LSP TextEdits.
 */
import { TextEdit } from 'vscode-languageserver-types';
import { SECTION_ORDER } from '../../../common/model';
import type { PostmortemModel, Range, Section, SectionKind, TimelineEntry } from '../../../common/model';
import type { ParsedDocument } from './types';
import { lineText, offsetAt, positionAt } from './model/ranges';
import { SECTION_TITLES } from './model/sections';
import { actionItemTarget, severityKey } from './model/incidentDate';
import { scanTimestamp } from './model/timestampScan';

// ---------------------------------------------------------------------------------------------
// Small text helpers (positions and offsets: model/ranges.ts; no re-parsing).

export function eolOf(doc: ParsedDocument): string {
  return doc.text.includes('\r\n') ? '\r\n' : '\n';
}

export { severityKey };

/**
 * The date by which action items should be done for the document's severity
 * (incident date + settings.actionItemTargetDays[severity]), or null when either is unknown.
 * One computation with the action-item-due-too-late rule: model/incidentDate.ts.
 */
export function targetDueDate(model: PostmortemModel, targetDays: Record<string, number>, now?: Date): { date: string; days: number; severity: string } | null {
  const t = actionItemTarget(model, targetDays, now);
  return t ? { date: t.date, days: t.days, severity: t.severity } : null;
}

// ---------------------------------------------------------------------------------------------
// Sections.

export const SECTION_DESCRIPTIONS: Record<SectionKind, string> = {
  summary: 'What happened, who was affected and how it was resolved, in a few sentences.',
  impact: 'Who and what was affected, for how long, and how much: quantify it.',
  timeline: 'What happened when, from the first sign of impact to resolution, with times and a zone.',
  contributing_factors: 'The conditions that made the incident possible or worse: systems and processes, not people.',
  detection: 'How the problem was noticed, and how it could have been noticed sooner.',
  response: 'Who responded and what they did.',
  resolution: 'What mitigated the impact and what fixed it for good.',
  action_items: 'Follow-up work with an owner, a due date and a type (prevent, detect, mitigate, process).',
  lessons_learned: 'What went well, what went wrong and where we got lucky.',
  what_went_well: 'What helped during the response.',
  what_went_wrong: 'What made the response harder or slower.',
  where_we_got_lucky: 'What went right by chance rather than by design.',
  supporting_information: 'Links to dashboards, alerts, chat logs and related documents.',
  other: '',
};

const LESSON_KINDS: readonly SectionKind[] = ['what_went_well', 'what_went_wrong', 'where_we_got_lucky'];

export const ACTION_ITEM_SUFFIX_TEMPLATE = '(owner: @TODO, due: YYYY-MM-DD, type: prevent)';

function skeletonFor(kind: SectionKind, depth: number): string {
  switch (kind) {
    case 'summary': return 'TODO: what happened, who was affected and how it was resolved, in two or three sentences.';
    case 'impact': return '- Duration: TODO\n- Customers affected: TODO\n- Customers reporting: TODO\n- Business metric: TODO';
    case 'timeline': return '| Time (UTC) | Event |\n| --- | --- |\n| TODO | TODO: first sign of impact |';
    case 'contributing_factors': return '- TODO: a condition that made the incident possible or worse (a system or process, not a person)';
    case 'detection': return 'TODO: how and when was the problem noticed? How could it have been noticed sooner?';
    case 'response': return 'TODO: who responded, what did they try, what helped?';
    case 'resolution': return 'TODO: what mitigated the impact, and what fixed it for good?';
    case 'lessons_learned': {
      const h = '#'.repeat(Math.min(6, depth + 1));
      return `${h} What went well\n\n- TODO\n\n${h} What went wrong\n\n- TODO\n\n${h} Where we got lucky\n\n- TODO`;
    }
    case 'what_went_well':
    case 'what_went_wrong':
    case 'where_we_got_lucky': return '- TODO';
    case 'action_items': return `- [ ] TODO: what will be done ${ACTION_ITEM_SUFFIX_TEMPLATE}`;
    case 'supporting_information': return '- TODO: links to dashboards, alerts, chat logs';
    default: return 'TODO';
  }
}

/** Body of a new section of this kind (without its heading), with TODO prompts left for the author. */
export function sectionSkeleton(kind: SectionKind): string {
  return skeletonFor(kind, 2);
}

/** Heading and body of a new section, with `\n` line breaks. */
export function sectionBlock(kind: SectionKind, depth: number): string {
  return `${'#'.repeat(depth)} ${SECTION_TITLES[kind]}\n\n${skeletonFor(kind, depth)}`;
}

const orderOf = (kind: SectionKind): number => SECTION_ORDER.indexOf(kind);

/** Where a section of this kind goes: an offset at a line start (or the end of the text) and its heading depth. */
export function sectionInsertPoint(doc: ParsedDocument, model: PostmortemModel, kind: SectionKind): { offset: number; depth: number } {
  const sections = model.sections;
  const known = (s: Section) => s.kind !== 'other' && orderOf(s.kind) >= 0;
  const lessons = sections.findIndex(s => s.kind === 'lessons_learned');
  let siblings: Section[];
  if (LESSON_KINDS.includes(kind) && lessons >= 0) {
    siblings = sections.filter(s => s.parent === lessons && known(s));
    if (siblings.length === 0) {
      const parent = sections[lessons]!;
      return { offset: lineStartAfter(doc, parent.range), depth: Math.min(6, parent.depth + 1) };
    }
  } else {
    siblings = sections.filter(s => known(s) && (s.parent < 0 || !known(sections[s.parent]!)));
  }
  const ci = orderOf(kind);
  const byStart = [...siblings].sort((a, b) => a.range.start.line - b.range.start.line);
  const before = byStart.filter(s => orderOf(s.kind) < ci);
  const after = byStart.filter(s => orderOf(s.kind) > ci);
  const prev = before[before.length - 1];
  if (prev) return { offset: lineStartAfter(doc, prev.range), depth: prev.depth };
  const next = after[0];
  if (next) return { offset: doc.lineStarts[next.headingRange.start.line] ?? doc.text.length, depth: next.depth };
  // No canonical section yet: after the title's introduction (before its first sub-heading), or after the frontmatter.
  // The title: the first depth-1 heading, else a first heading that is no canonical section (`### Postmortem: …`).
  const title = sections.find(s => s.depth === 1) ?? (sections[0]?.kind === 'other' ? sections[0] : undefined);
  if (title) {
    const sub = sections.find(s => s.headingRange.start.line > title.headingRange.start.line);
    return { offset: sub ? doc.lineStarts[sub.headingRange.start.line]! : doc.text.length, depth: title.depth === 1 ? 2 : title.depth };
  }
  return { offset: doc.text.length, depth: 2 };
}

/** Start of the line after a range (or the end of the text). */
function lineStartAfter(doc: ParsedDocument, range: Range): number {
  const end = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const next = end + 1;
  return next < doc.lineStarts.length ? doc.lineStarts[next]! : doc.text.length;
}

/** Insert a block of lines at a line start (or the end), with one blank line around it. `block` uses `\n`. */
export function insertBlockAt(doc: ParsedDocument, offset: number, block: string): TextEdit {
  const eol = eolOf(doc);
  const text = doc.text;
  const body = block.replace(/\n/g, eol);
  let prefix = '';
  if (offset > 0 && text[offset - 1] !== '\n') prefix = eol + eol;
  else if (offset > 0) {
    const prevLine = lineText(doc, positionAt(doc, offset).line - 1);
    if (prevLine.trim() !== '') prefix = eol;
  }
  let suffix = eol;
  if (offset < text.length) {
    const nextLine = lineText(doc, positionAt(doc, offset).line);
    if (nextLine.trim() !== '') suffix = eol + eol;
  }
  const pos = positionAt(doc, offset);
  return TextEdit.insert(pos, prefix + body + suffix);
}

/** Insert a new section of this kind at its canonical place, with a skeleton to fill in. */
export function insertSectionEdit(doc: ParsedDocument, model: PostmortemModel, kind: SectionKind): TextEdit {
  const { offset, depth } = sectionInsertPoint(doc, model, kind);
  return insertBlockAt(doc, offset, sectionBlock(kind, depth));
}

/** Insert several sections at once (fix-all): sections that land on the same spot become one edit, in canonical order. */
export function insertSectionsEdits(doc: ParsedDocument, model: PostmortemModel, kinds: SectionKind[]): TextEdit[] {
  const groups = new Map<number, { depth: number; kind: SectionKind }[]>();
  for (const kind of [...new Set(kinds)].sort((a, b) => orderOf(a) - orderOf(b))) {
    if (model.sections.some(s => s.kind === kind)) continue;
    const { offset, depth } = sectionInsertPoint(doc, model, kind);
    const group = groups.get(offset) ?? [];
    group.push({ depth, kind });
    groups.set(offset, group);
  }
  return [...groups.entries()].map(([offset, group]) =>
    insertBlockAt(doc, offset, group.map(g => sectionBlock(g.kind, g.depth)).join('\n\n')));
}

// ---------------------------------------------------------------------------------------------
// Timeline sorting.

const timeOf = (e: TimelineEntry): number | null => {
  if (!e.iso) return null;
  const t = Date.parse(e.iso);
  return Number.isNaN(t) ? null : t;
};

/** Runs of timeline entries written together (one table, one list, one run of headings). */
function timelineBlocks(doc: ParsedDocument, entries: TimelineEntry[]): TimelineEntry[][] {
  const sorted = [...entries].sort((a, b) => offsetAt(doc, a.range.start) - offsetAt(doc, b.range.start));
  const blocks: TimelineEntry[][] = [];
  let current: TimelineEntry[] = [];
  for (const e of sorted) {
    const prev = current[current.length - 1];
    // A date written without a readable time sets the date of the entries after it: nothing is sorted across it.
    const datesOn = timeOf(e) === null && anchorOf(e) === 'date';
    if (prev && (prev.style !== e.style || !adjacent(doc, prev, e) || datesOn)) {
      blocks.push(current);
      current = [];
    }
    current.push(e);
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/** Only blank lines (for table rows: one line break) between two entries that do not overlap. */
function adjacent(doc: ParsedDocument, a: TimelineEntry, b: TimelineEntry): boolean {
  if (offsetAt(doc, a.range.end) > offsetAt(doc, b.range.start)) return false;
  const gap = doc.text.slice(offsetAt(doc, a.range.end), offsetAt(doc, b.range.start));
  if (a.style === 'table') return /^\r?\n$/.test(gap) || gap === '';
  // List items with another marker or indent are another list: moving an item there would change what it is.
  if (a.style === 'list' && listMarkerOf(doc, a) !== listMarkerOf(doc, b)) return false;
  return gap.trim() === '';
}

/** The indent and kind of an entry's list marker (`  -`, `1.` and `2.` alike, `1)`), as Markdown tells lists apart. */
function listMarkerOf(doc: ParsedDocument, e: TimelineEntry): string {
  const m = /^(\s*)(?:([-*+])|\d+([.)]))/.exec(lineText(doc, e.range.start.line));
  return m ? `${m[1]!.length}${m[2] ?? m[3]}` : '';
}

type Unit = { time: number; entries: TimelineEntry[] };

/**
 * How an entry's own timestamp sets the context later entries are read in (model/timeline.ts): a written date sets
 * the date, a written zone the zone; a bare time takes both from the entries before it (and rolls past midnight).
 */
function anchorOf(e: TimelineEntry): 'date' | 'zone' | undefined {
  const scan = e.rawTime ? scanTimestamp(e.rawTime, 0) : null;
  return scan?.hasDate ? 'date' : scan?.zoneText ? 'zone' : undefined;
}

/**
 * A block's units in time order, moving nothing whose reading depends on what comes before it: an entry that writes
 * its date leads a day (moved whole, by that entry's time); inside a day, bare times are sorted only among the bare
 * times after the same anchor (the day's first entry or an entry that writes its zone), which stays put. Re-reading
 * the sorted block then gives every entry the time it was sorted by, so sorting twice changes nothing.
 */
function sortedUnits(units: Unit[]): Unit[] {
  const byTime = <T>(list: T[], time: (x: T) => number) => list.map((x, i) => ({ x, i })).sort((a, b) => time(a.x) - time(b.x) || a.i - b.i).map(y => y.x);
  // days[d][r][u]: a day is runs of units, each run led by its anchor.
  const days: Unit[][][] = [];
  for (const u of units) {
    const anchor = anchorOf(u.entries[0]!);
    const day = days[days.length - 1];
    if (!day || anchor === 'date') days.push([[u]]);
    else if (anchor === 'zone') day.push([u]);
    else day[day.length - 1]!.push(u);
  }
  // A leading day without a written date stays first: its entries take the document's date.
  const fixed = anchorOf(units[0]!.entries[0]!) === 'date' ? [] : days.splice(0, 1);
  // The first run of a leading day without a written date has no anchor: all its bare times are sorted.
  const lead = fixed[0]?.[0];
  return [...fixed, ...byTime(days, d => d[0]![0]!.time)]
    .flatMap(day => day.flatMap((run) => {
      if (run === lead && !anchorOf(run[0]!.entries[0]!)) return byTime(run, u => u.time);
      const [anchor, ...rest] = run;
      return [anchor!, ...byTime(rest, u => u.time)];
    }));
}

/**
 * Edits that sort each block of timeline entries by time (stable; an entry without a time stays after
 * the entry it follows; see sortedUnits for what stays put). One edit per block that is out of order; none when
 * already sorted. `rewrite` may change an entry's text on the way (fix-all uses it to normalise timestamps too).
 */
export function sortTimelineEditsWith(doc: ParsedDocument, model: PostmortemModel, rewrite?: (entry: TimelineEntry, text: string) => string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const block of timelineBlocks(doc, model.timeline)) {
    // Units: a timed entry with the untimed entries after it; leading untimed entries stay first.
    const units: Unit[] = [];
    for (const e of block) {
      const t = timeOf(e);
      const last = units[units.length - 1];
      if (t === null && last) last.entries.push(e);
      else units.push({ time: t ?? Number.NEGATIVE_INFINITY, entries: [e] });
    }
    const order = sortedUnits(units);
    if (order.every((u, i) => u === units[i])) continue;
    const sortedEntries = order.flatMap(u => u.entries);
    const start = offsetAt(doc, block[0]!.range.start);
    const end = offsetAt(doc, block[block.length - 1]!.range.end);
    let out = '';
    for (let i = 0; i < block.length; i++) {
      const e = sortedEntries[i]!;
      const text = doc.text.slice(offsetAt(doc, e.range.start), offsetAt(doc, e.range.end));
      out += rewrite ? rewrite(e, text) : text;
      if (i + 1 < block.length) out += doc.text.slice(offsetAt(doc, block[i]!.range.end), offsetAt(doc, block[i + 1]!.range.start));
    }
    edits.push(TextEdit.replace({ start: positionAt(doc, start), end: positionAt(doc, end) }, out));
  }
  return edits;
}

export function sortTimelineEdits(doc: ParsedDocument, model: PostmortemModel): TextEdit[] {
  return sortTimelineEditsWith(doc, model);
}
