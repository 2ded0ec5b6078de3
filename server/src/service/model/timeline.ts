/**
 * The timeline: where it is (sections of kind `timeline`, date headings that follow it at the same level,
 * or a bold `**Timeline:**` paragraph), its entries (see timeline/entries.ts) and their instants:
 * the date carried from earlier entries, date headings, the metadata, the title or the prose, rolled past
 * midnight when times go back by many hours; the zone from the entry, the table header, the timeline
 * heading or an "All times PDT" sentence, the metadata, an earlier entry, the prose, else the default.
 */
import type { Heading, Root } from 'mdast';
import type { Metadata, Section, TimelineEntry } from '../../../../common/model';
import type { PostmortemSettings } from '../../../../common/settings';
import { resolveZone } from '../../../../common/zones';
import type { ParsedDocument } from '../types';
import { Memo } from '../memo';
import { type DateOrder, findDateInText, inferDateOrder } from './proseDates';
import { addDays, parseTimestamp } from './times';
import { findTimestamp, minutesOfDay, scanTimestamp } from './timestampScan';
import { collectEntries, type RawEntry } from './timeline/entries';
import { applyMarks } from './timeline/marks';
import { type Block, headingText, plainText, sectionBlocks, sectionOfHeading, sourceOf, startOf } from './timeline/text';
import { rangeFromOffsets } from './ranges';

/** Times going back by more than this within a run without dates mean the next day. */
const ROLLOVER_MINUTES = 6 * 60;
const ZONE_SENTENCE = /^\W*(?:all\s+)?times?\b(?:\s+(?:are|is|in|shown|given|listed|both))*\b/i;

interface Region {
  blocks: Block[];
  /** Zone named by the heading ("Timeline (UTC)") or a sentence at its top ("All times in PST"). */
  zone?: string;
  start: number;
}

function isTimelineTitle(title: string): boolean {
  return /\btime\s?line\b|\bchronology\b|\bsequence of events\b/i.test(title);
}

function zoneOfSentence(text: string): string | undefined {
  // `2015-10-21 (all times UTC)`: the remark after a date line.
  const plain = plainText(text).replace(/^\s*\d{4}-\d{2}-\d{2}\s*\((.*)\)\s*$/, '$1').replace(/^[_*\s]+|[_*\s.]+$/g, '');
  if (!ZONE_SENTENCE.test(plain) || plain.length > 120) return undefined;
  return resolveZone(plain) ? plain : undefined;
}

function isDateHeading(doc: ParsedDocument, h: Heading): boolean {
  const { text } = headingText(doc, h);
  const ts = findTimestamp(text);
  return !!ts && ts.start <= 2;
}

/** A bold or plain paragraph that is only a label: `**Timeline:**`, `Action Items`. */
export function pseudoHeading(doc: ParsedDocument, b: Block): string | null {
  if (b.type !== 'paragraph') return null;
  const first = b.children[0];
  const text = plainText(sourceOf(doc, b));
  if (text.length > 80 || /\n/.test(sourceOf(doc, b).trim())) return null;
  if (first?.type === 'strong' && b.children.length <= 2) return text.replace(/:\s*$/, '');
  return null;
}

/** `Timeline (UTC):` alone on the first line of a plain paragraph; `more` when lines follow it. */
function plainLabelLine(doc: ParsedDocument, b: Block): { label: string; more: boolean } | null {
  if (b.type !== 'paragraph' || b.children[0]?.type !== 'text') return null;
  const m = /^([A-Za-z][^:\n]{0,60}):[ \t]*(?:\r?\n|$)/.exec(sourceOf(doc, b));
  return m ? { label: m[1]!.trim(), more: m[0].length < sourceOf(doc, b).length } : null;
}

function findRegions(doc: ParsedDocument, sections: Section[]): Region[] {
  const tree: Root = doc.tree;
  const regions: Region[] = [];
  for (let i = 0; i < tree.children.length; i++) {
    const node = tree.children[i]!;
    if (node.type !== 'heading') continue;
    const { text } = headingText(doc, node);
    const section = sectionOfHeading(doc, sections, node);
    if (section?.kind !== 'timeline' && !isTimelineTitle(text)) continue;
    let { blocks, next } = sectionBlocks(tree, i + 1, node.depth);
    // Date headings at the timeline's own level ("## May 12", "## Feb 21, 13:00") continue it.
    while (next < tree.children.length) {
      const h = tree.children[next] as Heading;
      if (h.type !== 'heading' || !isDateHeading(doc, h) || isTimelineTitle(headingText(doc, h).text)) break;
      const more = sectionBlocks(tree, next + 1, node.depth);
      blocks = [...blocks, h, ...more.blocks];
      next = more.next;
    }
    const region: Region = { blocks, start: startOf(node) };
    const titleZone = text.replace(/\btime\s?line\b|\btimes?\b|\bof events\b|\bin\b/gi, ' ');
    if (resolveZone(titleZone)) region.zone = titleZone.trim();
    else {
      for (const b of blocks) {
        if (b.type === 'heading' || (b.type === 'list' || b.type === 'table')) break;
        const z = b.type === 'paragraph' ? zoneOfSentence(sourceOf(doc, b)) : undefined;
        if (z) { region.zone = z; break; }
      }
    }
    regions.push(region);
    i = next - 1;
  }
  if (regions.length) return regions;
  // No timeline heading: a `**Timeline:**` paragraph (or a plain `Timeline (UTC):` line) and the blocks after it.
  for (let i = 0; i < tree.children.length; i++) {
    const node = tree.children[i]!;
    const plain = plainLabelLine(doc, node);
    const label = pseudoHeading(doc, node) ?? plain?.label;
    if (!label || !isTimelineTitle(label)) continue;
    // A plain label line may have its entries on the lines under it, in the same paragraph.
    const blocks: Block[] = plain?.more ? [node] : [];
    let j = i + 1;
    for (; j < tree.children.length; j++) {
      const b = tree.children[j]!;
      if (b.type === 'heading' || pseudoHeading(doc, b) || plainLabelLine(doc, b)) break;
      blocks.push(b);
    }
    const region: Region = { blocks, start: startOf(tree.children[i]!) };
    const labelZone = label.replace(/\btime\s?line\b|\btimes?\b|\bof events\b|\bin\b/gi, ' ');
    if (resolveZone(labelZone)) region.zone = labelZone.replace(/[()[\]]/g, ' ').trim();
    regions.push(region);
    i = j - 1;
  }
  return regions;
}

/** "All times PDT." anywhere in the document (outside code). */
function documentZoneSentence(doc: ParsedDocument): string | undefined {
  for (const b of doc.tree.children) {
    if (b.type !== 'paragraph') continue;
    const z = zoneOfSentence(sourceOf(doc, b));
    if (z) return z;
  }
  return undefined;
}

/** A zone written after a time in the prose ("10:00 AM - 12:00 PM WAT"). */
function proseZone(doc: ParsedDocument): string | undefined {
  for (const b of doc.tree.children) {
    if (b.type === 'code' || b.type === 'html' || b.type === 'yaml' || (b.type as string) === 'toml') continue;
    for (const m of sourceOf(doc, b).matchAll(/\b\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?\s+([A-Z]{2,5})\b/g)) {
      if (resolveZone(m[1]!)) return m[1]!;
    }
  }
  return undefined;
}

function titleText(doc: ParsedDocument, metadata: Metadata): string[] {
  const out: string[] = [];
  if (metadata.title?.value) out.push(metadata.title.value);
  const h1 = doc.tree.children.find((n): n is Heading => n.type === 'heading');
  if (h1) out.push(headingText(doc, h1).text);
  return out;
}

/**
 * The date the timeline's first date-less times are on: impact start, the title or H1, the stated date, the other
 * key times, else the first date written in the intro, the summary or the timeline itself (its entries, date headings
 * and prose). Never from other sections: an action item's due date or a follow-up's date is not the incident's.
 */
function initialDate(doc: ParsedDocument, metadata: Metadata, sections: Section[], regions: Region[], order: DateOrder | undefined): string | undefined {
  const t = metadata.times ?? {};
  const started = t.started;
  const fromStarted = started ? findDateInText(started.raw, order)?.iso ?? started.iso?.slice(0, 10) : undefined;
  if (fromStarted) return fromStarted;
  for (const title of titleText(doc, metadata)) {
    const d = findDateInText(title, order);
    if (d) return d.iso;
  }
  const meta = metadata.date?.value ? (/^\d{4}-\d{2}-\d{2}/.exec(metadata.date.value)?.[0] ?? findDateInText(metadata.date.value, order)?.iso) : undefined;
  if (meta) return meta;
  for (const k of ['detected', 'acknowledged', 'mitigated', 'resolved'] as const) {
    const kt = t[k];
    if (kt?.source === 'timeline') continue;
    const d = kt ? findDateInText(kt.raw, order)?.iso ?? kt.iso?.slice(0, 10) : undefined;
    if (d) return d;
  }
  const inTimeline = new Set<Block>(regions.flatMap((r) => r.blocks));
  // The section a top-level block is in: the last heading before it.
  let kind: Section['kind'] | 'intro' = 'intro';
  let headings = 0;
  for (const b of doc.tree.children) {
    if (b.type === 'heading') {
      const k = sectionOfHeading(doc, sections, b)?.kind ?? 'other';
      // The title (an H1, or a first heading that names no section such as `### Postmortem: ...`) keeps the intro going.
      if (kind === 'intro' && k === 'other' && (b.depth === 1 || headings === 0)) { headings++; continue; }
      headings++;
      kind = k;
      if (inTimeline.has(b)) { const d = findDateInText(headingText(doc, b).text, order); if (d) return d.iso; }
      continue;
    }
    if (b.type === 'code' || b.type === 'html' || b.type === 'yaml' || (b.type as string) === 'toml') continue;
    if (kind !== 'intro' && kind !== 'summary' && !inTimeline.has(b)) continue;
    const d = findDateInText(plainText(sourceOf(doc, b)), order);
    if (d) return d.iso;
  }
  return undefined;
}

/**
 * The year a document is about when no full date is written: in its title or H1 ("Outage — May 2024"), its metadata
 * date, or its file name.
 */
function documentYear(doc: ParsedDocument, metadata: Metadata): number | undefined {
  for (const text of [...titleText(doc, metadata), metadata.date?.value ?? '', fileNameOf(doc.uri)]) {
    const m = /(?<!\d)(19[7-9]\d|20\d{2})(?!\d)/.exec(text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The file name of a document URI (`…/2019-02-04-outage.md` -> `2019-02-04-outage.md`). */
function fileNameOf(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/**
 * `2026-04-14: at about 08:30 the pager fired`: a date-only stamp with the time written early in the entry's text.
 * Returns the stamp with that time, when there is one.
 */
function timeInText(text: string): string | undefined {
  const m = /(?:^|[\s(,;])((?:~|about |around |approx\.? |ca\.? )?(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s?[aApP]\.?[mM]\.?(?![a-zA-Z]))?|\d{1,2}\s?[aApP]\.?[mM]\.?(?![a-zA-Z]))(?:\s*(?:UTC|GMT|Z|[A-Z]{2,4}T)\b)?)/.exec(text.slice(0, 120));
  return m ? m[1]!.replace(/^(?:about|around|approx\.?|ca\.?) /, '~') : undefined;
}

/** What a timestamp says by itself, by its text (the timeline is re-read on every edit). */
const scans = new Memo<{ scan: ReturnType<typeof scanTimestamp>; minutes: number | null }>();

/** `scanTimestamp` and `minutesOfDay` of a timestamp. */
function scanOf(raw: string): { scan: ReturnType<typeof scanTimestamp>; minutes: number | null } {
  return scans.get(raw, () => ({ scan: scanTimestamp(raw, 0), minutes: minutesOfDay(raw) }));
}

export function readTimeline(doc: ParsedDocument, sections: Section[], metadata: Metadata, settings: PostmortemSettings): TimelineEntry[] {
  const regions = findRegions(doc, sections);
  if (!regions.length) return [];
  const docZone = documentZoneSentence(doc);
  const metaZone = metadata.timezone?.value || undefined;
  const guessZone = proseZone(doc);
  const defaultZone = settings.defaultTimezone || 'UTC';
  const entries: TimelineEntry[] = [];
  const dateOrder = inferDateOrder(doc.text.length > 200_000 ? doc.text.slice(0, 200_000) : doc.text, fileNameOf(doc.uri));
  let date = initialDate(doc, metadata, sections, regions, dateOrder);
  const year = date ? undefined : documentYear(doc, metadata);
  let lastZone: string | undefined;
  for (const region of regions) {
    let lastMinutes: number | null = null;
    const raws: RawEntry[] = collectEntries(doc, region.blocks);
    for (const r of raws) {
      const readAs = r.readAs ?? r.raw;
      const { scan: scanned, minutes } = scanOf(readAs);
      const scan = r.raw ? scanned : null;
      const zone = r.zone ?? region.zone ?? docZone ?? metaZone ?? lastZone ?? guessZone ?? null;
      if (r.kind === 'date') {
        const p = parseTimestamp(readAs, { date, zone, defaultZone, dateOrder, year });
        if (p.date) date = p.date;
        lastMinutes = null;
        continue;
      }
      let rolled = false;
      if (scan && !scan.hasDate && date && minutes !== null && lastMinutes !== null && minutes < lastMinutes - ROLLOVER_MINUTES) {
        date = addDays(date, 1);
        rolled = true;
      }
      let parsed = parseTimestamp(readAs, { date, zone, defaultZone, dateOrder, year });
      if (scan?.hasDate && parsed.date) date = parsed.date;
      let timeFromText: string | undefined;
      if (scan?.hasDate && !scan.hasTime && parsed.date && (timeFromText = timeInText(r.text))) {
        const withTime = parseTimestamp(`${parsed.date} ${timeFromText}`, { date: parsed.date, zone, defaultZone, dateOrder });
        if (withTime.iso) parsed = { ...withTime, note: `time read from the entry's text ("${timeFromText}")` };
      }
      if (scan?.hasDate || minutes !== null) lastMinutes = minutes ?? (scan?.hasDate ? null : lastMinutes);
      if (scan?.zoneText) lastZone = parsed.zone ?? lastZone;
      const notes = [parsed.note, rolled ? 'past midnight: the next day' : undefined, !scan && !r.raw ? 'no time written' : undefined].filter(Boolean);
      const entry: TimelineEntry = {
        rawTime: r.raw,
        iso: parsed.iso,
        approximate: parsed.approximate,
        zone: parsed.zone,
        text: r.text,
        range: rangeFromOffsets(doc, r.start, r.end),
        timeRange: rangeFromOffsets(doc, r.timeStart, r.timeEnd),
        style: r.style,
      };
      if (r.dateStart !== undefined && r.dateEnd !== undefined) entry.dateRange = rangeFromOffsets(doc, r.dateStart, r.dateEnd);
      if (notes.length) entry.note = notes.join('; ');
      entries.push(entry);
    }
  }
  applyMarks(entries);
  return entries;
}

