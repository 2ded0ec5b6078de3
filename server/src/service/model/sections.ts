/**
 * Sections: every heading with its body, and the canonical kind its title names.
 */
import type { Heading, RootContent } from 'mdast';
import type { Section, SectionKind } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { positionAt, rangeOfNode } from './ranges';
import { classifyTitle, CONTAINERS, LESSON_KINDS, normaliseTitle } from './sectionKinds';
import { addBoldSections } from './boldSections';
import { findDateInText } from './proseDates';

export { classifySection, classifyTitle, normaliseTitle } from './sectionKinds';

/** The canonical heading text for each kind (used by completion and "insert missing section"). */
export const SECTION_TITLES: Record<SectionKind, string> = {
  summary: 'Summary',
  impact: 'Impact',
  timeline: 'Timeline',
  contributing_factors: 'Contributing factors',
  detection: 'Detection',
  response: 'Response',
  resolution: 'Resolution',
  action_items: 'Action items',
  lessons_learned: 'Lessons learned',
  what_went_well: 'What went well',
  what_went_wrong: 'What went wrong',
  where_we_got_lucky: 'Where we got lucky',
  supporting_information: 'Supporting information',
  other: 'Notes',
};

/** Plain text of a heading (inline markup dropped). */
export function headingTitle(doc: ParsedDocument, heading: Heading): string {
  const first = heading.children[0];
  const last = heading.children[heading.children.length - 1];
  if (first?.position?.start.offset !== undefined && last?.position?.end.offset !== undefined) {
    return doc.text.slice(first.position.start.offset, last.position.end.offset).replace(/\s+/g, ' ').trim();
  }
  return inlineText(heading).trim();
}

function inlineText(node: { value?: string; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((c) => inlineText(c as { value?: string; children?: unknown[] })).join('');
}

/** Every heading of the document (top level; headings inside lists/quotes do not start sections). */
export function readSections(doc: ParsedDocument): Section[] {
  const children = doc.tree.children;
  const headings: { node: Heading; index: number }[] = [];
  children.forEach((n: RootContent, index) => {
    if (n.type === 'heading') headings.push({ node: n, index });
  });
  const docEnd = positionAt(doc, doc.text.length);
  const sections: Section[] = [];
  const stack: number[] = [];
  for (let h = 0; h < headings.length; h++) {
    const { node, index } = headings[h]!;
    const title = headingTitle(doc, node);
    const headingRange = rangeOfNode(node);
    // The section ends before the next heading of the same or a higher level.
    let endNode: RootContent | null = null;
    for (let k = h + 1; k < headings.length; k++) {
      if (headings[k]!.node.depth <= node.depth) {
        endNode = headings[k]!.node;
        break;
      }
    }
    let end = docEnd;
    const bodyNodes = children.slice(index + 1, endNode ? children.indexOf(endNode, index) : children.length);
    if (endNode) {
      // End of the last node before the next heading (or the end of the heading itself when the body is empty).
      const endIndex = children.indexOf(endNode, index);
      const lastBody = children[endIndex - 1]!;
      end = rangeOfNode(lastBody).end;
    } else {
      const last = children[children.length - 1]!;
      end = rangeOfNode(last).end;
    }
    const bodyStart = { line: headingRange.end.line + 1, character: 0 };
    const bodyRange = end.line < bodyStart.line ? { start: headingRange.end, end: headingRange.end } : { start: bodyStart, end };
    while (stack.length && sections[stack[stack.length - 1]!]!.depth >= node.depth) stack.pop();
    const parentKind = stack.length ? sections[stack[stack.length - 1]!]!.kind : undefined;
    const read = classifyTitle(title);
    // A topic inside lessons, action items or the timeline ("Abuse reporting & responses" under "Takeaways") is part of it.
    let kind = read.byMeaning && parentKind && CONTAINERS.has(parentKind) ? 'other' : read.kind;
    if (kind === 'action_items' && parentKind && LESSON_KINDS.has(parentKind) && /^(?:improvements?|areas? (?:for|of) improvement|things to improve)$/.test(normaliseTitle(title))) kind = 'what_went_wrong';
    sections.push({
      kind,
      title,
      depth: node.depth,
      style: 'heading',
      headingRange,
      bodyRange,
      range: { start: headingRange.start, end: end.line < headingRange.end.line ? headingRange.end : end },
      parent: stack.length ? stack[stack.length - 1]! : -1,
      empty: bodyNodes.every(isInvisible),
    });
    stack.push(sections.length - 1);
  }
  timelineByContent(doc, sections, headings);
  actionItemsByContent(doc, sections, headings);
  return addBoldSections(doc, sections);
}

/** A block a reader does not see: an HTML comment left by a template (or several). */
function isInvisible(node: RootContent): boolean {
  return node.type === 'html' && /^\s*(?:<!--[\s\S]*?-->\s*)*$/.test(node.value);
}

/**
 * A document with no section named as action items, whose "Remediation" (or an unnamed) section holds a task list
 * (`- [ ] …`): open tasks written after an incident are its action items, whatever the heading says.
 */
function actionItemsByContent(doc: ParsedDocument, sections: Section[], headings: { node: Heading; index: number }[]): void {
  if (sections.some((s) => s.kind === 'action_items')) return;
  sections.forEach((s, k) => {
    if (s.kind !== 'resolution' && s.kind !== 'other' && s.kind !== 'lessons_learned') return;
    const end = headings[k + 1]?.index ?? doc.tree.children.length;
    const body = doc.tree.children.slice(headings[k]!.index + 1, end);
    const tasks = body.flatMap((b) => (b.type === 'list' ? b.children : [])).filter((i) => typeof i.checked === 'boolean');
    if (tasks.length && tasks.some((i) => i.checked === false)) s.kind = 'action_items';
  });
}

const TIME_OF_DAY = /^\W{0,4}(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}\b/;

/** A table whose header names a time column and whose rows mostly start with a time, or a list of timed items. */
function isTimeTable(doc: ParsedDocument, node: RootContent | undefined): boolean {
  if (!node) return false;
  const src = (n: { position?: { start: { offset?: number }; end: { offset?: number } } }) => doc.text.slice(n.position?.start.offset ?? 0, n.position?.end.offset ?? 0);
  if (node.type === 'table') {
    const [head, ...rows] = node.children;
    if (!head || rows.length < 2) return false;
    const firstHeader = src(head.children[0] ?? head).replace(/[|*_`]/g, '').trim();
    if (!/^(?:time|timestamp|when|date and time|datetime)\b/i.test(firstHeader)) return false;
    return rows.filter((r) => r.children[0] && TIME_OF_DAY.test(src(r.children[0]).replace(/[|*_`]/g, '').trim())).length >= rows.length / 2;
  }
  if (node.type === 'list') {
    const items = node.children;
    return items.length >= 2 && items.filter((i) => TIME_OF_DAY.test(src(i.children[0] ?? i).replace(/[*_`]/g, '').trim())).length >= items.length * 0.8;
  }
  return false;
}

/**
 * A document with no section named as a timeline whose "What happened" section is a time table or a timed list
 * (the PagerDuty template writes the timeline under that heading): that section is the timeline.
 */
function timelineByContent(doc: ParsedDocument, sections: Section[], headings: { node: Heading; index: number }[]): void {
  if (sections.some((s) => s.kind === 'timeline')) return;
  sections.forEach((s, k) => {
    if (s.kind !== 'summary' && s.kind !== 'other') return;
    if (!/^what happened$|^events$|^incident log$|^sequence$|^log$|^chronicle$/.test(normaliseTitle(s.title))) return;
    // Its first block, or the blocks under its day headings ("### Monday, 7 August 2023" then timed items).
    let i = headings[k]!.index + 1;
    const children = doc.tree.children;
    let timed = false;
    for (; i < children.length; i++) {
      const b = children[i]!;
      if (b.type === 'heading') {
        if (b.depth <= s.depth) break;
        if (!TIME_OF_DAY.test(headingTitle(doc, b)) && !findDateInText(headingTitle(doc, b))) break;
        continue;
      }
      timed = isTimeTable(doc, b);
      break;
    }
    if (timed) s.kind = 'timeline';
  });
}
