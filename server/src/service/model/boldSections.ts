/**
 * Sections written as a bold paragraph instead of a heading (`**Timeline:**`, `**Impact:** 40% of logins failed…`),
 * or as a plain label line (`Timeline (UTC):`), as documents pasted from Google Docs, Confluence, email or chat often are. Only labels that name a kind of section count
 * ("**Bonus: a diagram**" is emphasis, not a section), and only at the top level (not inside lists or quotes).
 * Each runs to the next bold section or heading, and nests under the heading it is written in.
 */
import type { Paragraph, RootContent } from 'mdast';
import type { Range, Section } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { rangeFromOffsets } from './ranges';
import { classifyTitle } from './sectionKinds';

interface Label { index: number; title: string; inline: boolean; style: 'bold' | 'label' }

const offsetOf = (n: RootContent, end = false) => (end ? n.position?.end.offset : n.position?.start.offset) ?? 0;

/** `**Timeline:**` alone, or `**Impact:** text` / `**Impact**: text` leading a paragraph: the label and whether text follows. */
function boldLabel(doc: ParsedDocument, p: Paragraph): { title: string; inline: boolean } | null {
  const first = p.children[0];
  if (first?.type !== 'strong') return null;
  const label = doc.text.slice(offsetOf(first as RootContent), offsetOf(first as RootContent, true)).replace(/^(\*\*|__)|(\*\*|__)$/g, '').trim();
  const rest = doc.text.slice(offsetOf(first as RootContent, true), offsetOf(p, true));
  const title = label.replace(/\s*:$/, '');
  if (!title || title.length > 60 || title.split(/\s+/).length > 10 || /\n/.test(label)) return null;
  if (/^\s*:?\s*$/.test(rest)) return { title, inline: false };
  // `**Conclusion:**` then a line break and the text: a label over its own paragraph.
  if (/^[ \t]*:?(?:\\|[ \t]{2,})?\r?\n/.test(rest)) return { title, inline: true };
  // Text after the label: only a label that ends with a colon ("**Impact:** …", "**Impact**: …") opens a section.
  return /:$/.test(label) || /^\s*:/.test(rest) ? { title, inline: true } : null;
}

/**
 * A plain-text label (`Timeline (UTC):` on its own line, `Impact: 30% of email delayed` on one line), as postmortems
 * pasted from an email or a chat are written. Read by name only when text follows on the same line.
 */
function plainLabel(doc: ParsedDocument, p: Paragraph): { title: string; inline: boolean; byName: boolean } | null {
  if (p.children[0]?.type !== 'text') return null;
  const src = doc.text.slice(offsetOf(p), offsetOf(p, true));
  const alone = /^([A-Za-z][^:\n]{0,60}):[ \t]*(?:\r?\n|$)/.exec(src);
  if (alone) return alone[1]!.split(/\s+/).length <= 6 ? { title: alone[1]!.trim(), inline: alone[0].length < src.length, byName: false } : null;
  const inline = /^([A-Za-z][^:\n]{0,40}):[ \t]+\S[^\n]*$/.exec(src);
  return inline && inline[1]!.split(/\s+/).length <= 4 ? { title: inline[1]!.trim(), inline: true, byName: true } : null;
}

const before = (a: Range, b: Range) => a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character < b.start.character);

/** Adds the bold-paragraph sections to the heading sections, in document order, with parents re-linked. */
export function addBoldSections(doc: ParsedDocument, sections: Section[]): Section[] {
  const children = doc.tree.children;
  const labels: Label[] = [];
  const byNameOnly = new Set<number>();
  children.forEach((n, index) => {
    if (n.type !== 'paragraph') return;
    const label = boldLabel(doc, n);
    if (label) { labels.push({ index, ...label, style: 'bold' }); return; }
    const plain = plainLabel(doc, n);
    if (!plain) return;
    labels.push({ index, title: plain.title, inline: plain.inline, style: 'label' });
    if (plain.byName) byNameOnly.add(index);
  });
  const found: Section[] = [];
  labels.forEach((label, k) => {
    const read = classifyTitle(label.title);
    // Inline labels are read by name only: "**Cause:** a typo" in a sentence is not a section by meaning.
    if (read.kind === 'other' || (read.byMeaning && (label.style === 'bold' ? label.inline : byNameOnly.has(label.index)))) return;
    const node = children[label.index]!;
    let last = label.index;
    const stop = labels[k + 1]?.index ?? children.length;
    for (let i = label.index + 1; i < stop && children[i]!.type !== 'heading'; i++) last = i;
    const headingRange = rangeFromOffsets(doc, offsetOf(node), offsetOf(node, true));
    const endOffset = offsetOf(children[last]!, true);
    const bodyStart = label.inline ? headingRange.start : { line: headingRange.end.line + 1, character: 0 };
    const end = rangeFromOffsets(doc, endOffset, endOffset).end;
    const bodyRange = last === label.index && !label.inline ? { start: headingRange.end, end: headingRange.end } : { start: bodyStart, end };
    // Inside the deepest heading section that holds it.
    let parent = -1;
    sections.forEach((s, i) => {
      if (s.style === 'heading' && !before(headingRange, s.range) && (s.range.end.line > headingRange.start.line) && (parent < 0 || s.depth > sections[parent]!.depth)) parent = i;
    });
    found.push({
      kind: read.kind, title: label.title, depth: Math.min(6, (parent >= 0 ? sections[parent]!.depth : 0) + 1), style: label.style,
      headingRange, bodyRange, range: { start: headingRange.start, end }, parent,
      empty: last === label.index && !label.inline,
    });
  });
  if (!found.length) return sections;
  // One list in document order; parents were indices into the heading list, so re-link them.
  const parentOf = new Map<Section, Section | undefined>();
  for (const s of [...sections, ...found]) parentOf.set(s, s.parent >= 0 ? sections[s.parent] : undefined);
  const all = [...sections, ...found].sort((a, b) => (before(a.headingRange, b.headingRange) ? -1 : before(b.headingRange, a.headingRange) ? 1 : 0));
  const at = new Map(all.map((s, i) => [s, i]));
  return all.map((s) => {
    const p = parentOf.get(s);
    return { ...s, parent: p ? at.get(p)! : -1 };
  });
}
