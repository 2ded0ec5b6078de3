/**
 * Sections: every heading with its body, and the canonical kind its title names.
 */
import type { Heading, RootContent } from 'mdast';
import type { Section, SectionKind } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { positionAt, rangeOfNode } from './ranges';

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

/**
 * "Response and Recovery" is `response`: such a section tells what the responders did, up to recovery; a separate
 * resolution section (what fixed it for good) can still be written, whereas reading it as `resolution` would ask for a
 * "Response" section the document already has.
 *
 * Patterns over the normalised title (lower case, numbering/emoji/punctuation/"(UTC)" suffixes removed).
 * Order matters: the first match wins (e.g. "what went well" before "lessons", "action items" before "remediation").
 */
const PATTERNS: [SectionKind, RegExp][] = [
  ['what_went_well', /^(?:what|things that) went (?:well|right)$|^(?:what|things) we did well$|^went well$|^the good$/],
  ['what_went_wrong', /^(?:what|things that) (?:went (?:wrong|poorly|badly)|didn ?t go (?:so |very )?well|could have gone better|did not go (?:so |very )?well)$|^(?:what|things) (?:we could improve|to improve)$|^went (?:wrong|poorly)$|^the bad$/],
  ['where_we_got_lucky', /^where we got lucky$|^(?:what|things that) (?:we got lucky|got lucky)(?: with| on)?$|^lucky breaks?$/],
  ['action_items', /^(?:(?:post incident |follow up |open )?action items?(?:(?: and)? follow ups?)?|(?:preventive|preventative|recommended|planned|proposed|future|further) (?:enhancements?|improvements?|measures|work|works|plans?)|actions? items|(?:blameless )?corrective (?:and prevent(?:at)?ive )?(?:actions?|measures)|prevent(?:at)?ive (?:actions?|measures)|follow ?ups?(?: actions?| items?| tasks?)?|follow up (?:actions?|items?|tasks?)|next steps|remediation (?:items?|tasks?|plan)|improvements|tasks|todos?|to dos?|action plan|actions|(?:future|planned|proposed) (?:work|improvements|actions)|recommendations)$/],
  ['lessons_learned', /^(?:lessons?(?: (?:learned|learnt))?|learnings?|takeaways?|key takeaways|retrospective|reflections?|what we learned|what did we learn)$/],
  ['timeline', /^(?:(?:incident |event |detailed |response |outage )?time ?line(?: of events)?|chronology|sequence of events|.+ (?:response )?time ?line|time ?line .+)$/],
  ['summary', /^(?:(?:incident |issue |executive |problem )?(?:summary|overview)|background|tl ?;? ?dr|tldr|description|(?:incident |issue )?description|abstract|background and summary|what happened)$/],
  ['impact', /^(?:(?:customer |user |business |service |potential |incident )?impact(?: (?:summary|analysis|assessment))?|summary of (?:the )?impact|affected .+|who was affected|blast radius)$/],
  ['contributing_factors', /^(?:root causes?(?: analysis| identification.*| of (?:the )?.+| and (?:the )?(?:triggers?|contributing factors?))?|(?:triggers?|contributing factors?) and (?:the )?root causes?|(?:the )?(?:5 |five )?whys|conclusions?|rca|contributing factors?|causes?|trigger|triggers|fault|why did (?:this|it) happen|how did this happen|five whys|5 whys|the vulnerability|vulnerability details|(?:root )?cause and (?:effect|contributing factors)|what caused (?:this|it|the (?:incident|outage)))$/],
  ['detection', /^(?:detection|how (?:was it|it was|we) detected|monitoring and detection|alerting)$/],
  ['response', /^(?:(?:incident )?response(?: and (?:recovery|resolution|mitigation|remediation))?|escalation|how we responded)$/],
  ['resolution', /^(?:resolution|recovery|mitigation|mitigations|remediation(?: actions taken)?|(?:the )?fix(?: implemented)?|how (?:it was|we) (?:fixed|resolved|mitigated)|resolution and recovery|recovery and resolution|mitigation and (?:resolution|recovery))$/],
  ['supporting_information', /^(?:appendix|appendices|apendix|appendinx|logs?|references?|supporting (?:information|documents?|materials?)|further reading|links|related (?:links|documents|issues)|glossary|indicators of compromise|additional information|graphs|chat logs?)$/],
];

/** Lower-case, strip numbering ("3.", "III.", "A)"), emoji, trailing colons and parenthesised suffixes. */
export function normaliseTitle(title: string): string {
  let t = title.normalize('NFKC').toLowerCase();
  t = t.replace(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{FE0F}\u{200D}]/gu, ' ');
  t = t.replace(/[*_`~]/g, '');
  t = t.replace(/^\s*(?:(?:\d+(?:\.\d+)*|[ivxlc]+|[a-h])[.):]\s+|\d+(?:\.\d+)*\s+)/, '');
  t = t.replace(/\s*\([^)]*\)\s*/g, ' ');
  t = t.replace(/\s*\[[^\]]*\]\s*/g, ' ');
  t = t.replace(/&/g, ' and ').replace(/[’']/g, ' ').replace(/[^\p{L}\p{N};]+/gu, ' ').trim();
  t = t.replace(/\s+(?:in|all times) (?:utc|gmt|[a-z]{2,4}t)$/, '').replace(/\s+(?:utc|gmt)$/, '');
  return t.replace(/\s+/g, ' ');
}

/**
 * When no name matches, what the title is about: phrasings ("What was impacted", "What we're doing about it"),
 * questions ("Were we alerted quickly?") and descriptive titles ("Origin of the incident", "How it is fixed").
 * Checked in order over the whole normalised title; conditional improvement ("what we could do") is a lesson,
 * not an action item.
 */
const MEANINGS: [SectionKind, RegExp][] = [
  ['timeline', /\btime ?line\b|\bchronolog/],
  ['lessons_learned', /\b(?:lessons?|learn(?:ed|t|ings?)|takeaways?|final thoughts|closing thoughts|reflections?|what we could (?:do|have done|improve)|possible improvements|retrospective)\b/],
  ['where_we_got_lucky', /\bgot lucky\b/],
  ['action_items', /\b(?:doing about it|going to do|(?:we will|we ll|will we) (?:do|change)|looking forward|going forward|future (?:work|works|improvements?)|next steps?|follow ?ups?|action items?|to ?dos?|improvement plan|action plan|prevent (?:this|it|a recurrence|recurrence))\b/],
  ['impact', /\b(?:impact(?:ed)?|affected|blast radius|who was hit)\b/],
  ['detection', /\b(?:alerted|alerting|detect(?:ed|ion)?|noticed|discover(?:ed|y)|diagnos(?:is|e|ed|ing))\b/],
  ['contributing_factors', /\b(?:causes?|caused|origin of|why (?:did|was|wasn t|were|it|this|the)|went wrong technically)\b/],
  ['resolution', /\b(?:fix(?:ed|es)?|resolv(?:ed|e)|recover(?:ed|y)|restor(?:ed|e|ing)|mitigat\w*|remediat\w*)\b/],
  ['response', /\b(?:respon(?:se|ded|ding)|escalat\w*)\b/],
  ['summary', /\b(?:summary|overview|tl ?;? ?dr|what happened|introduction)\b/],
];

/** Words section titles are made of, for correcting one-letter typos ("Timline", "Summery", "Lesons"). */
const VOCABULARY = [
  'summary', 'overview', 'impact', 'timeline', 'chronology', 'detection', 'response', 'resolution', 'recovery', 'mitigation',
  'remediation', 'lessons', 'learned', 'action', 'actions', 'items', 'corrective', 'preventive', 'preventative', 'contributing',
  'factors', 'causes', 'appendix', 'references', 'takeaways', 'background', 'description', 'retrospective', 'incident', 'affected',
  'followups', 'improvements', 'supporting', 'information', 'analysis',
];

/** Damerau-Levenshtein distance at most 1 (one insertion, deletion, substitution or swap). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function correctTypos(t: string): string {
  return t.split(' ').map((w) => (w.length < 5 || VOCABULARY.includes(w) ? w : VOCABULARY.find((v) => withinOneEdit(w, v)) ?? w)).join(' ');
}

/** The kind a title names, and whether it was read from its meaning rather than a section name. */
export function classifyTitle(title: string): { kind: SectionKind; byMeaning: boolean } {
  const raw = normaliseTitle(title);
  if (!raw) return { kind: 'other', byMeaning: false };
  for (const t of [raw, correctTypos(raw)]) for (const [kind, re] of PATTERNS) if (re.test(t)) return { kind, byMeaning: false };
  const t = correctTypos(raw);
  // Only titles that read as a section name: a date, a time or a long sentence is not one.
  if (/^\d/.test(t) || t.split(' ').length > 14) return { kind: 'other', byMeaning: false };
  for (const [kind, re] of MEANINGS) if (re.test(t)) return { kind, byMeaning: true };
  return { kind: 'other', byMeaning: false };
}

export function classifySection(title: string): SectionKind {
  return classifyTitle(title).kind;
}

/** Kinds that are a part of the lessons ("Improvements" under "Lessons learned" are what could have gone better). */
const LESSON_KINDS: ReadonlySet<SectionKind> = new Set(['lessons_learned', 'what_went_well', 'what_went_wrong', 'where_we_got_lucky']);
/** Sections whose sub-sections are their topics, not sections of their own kind. */
const CONTAINERS: ReadonlySet<SectionKind> = new Set([...LESSON_KINDS, 'action_items', 'timeline']);

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
      headingRange,
      bodyRange,
      range: { start: headingRange.start, end: end.line < headingRange.end.line ? headingRange.end : end },
      parent: stack.length ? stack[stack.length - 1]! : -1,
      empty: bodyNodes.every(isInvisible),
    });
    stack.push(sections.length - 1);
  }
  timelineByContent(doc, sections, headings);
  return sections;
}

/** A block a reader does not see: an HTML comment left by a template (or several). */
function isInvisible(node: RootContent): boolean {
  return node.type === 'html' && /^\s*(?:<!--[\s\S]*?-->\s*)*$/.test(node.value);
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
    if (!/^what happened$|^events$|^incident log$/.test(normaliseTitle(s.title))) return;
    const first = doc.tree.children[headings[k]!.index + 1];
    if (isTimeTable(doc, first)) s.kind = 'timeline';
  });
}
