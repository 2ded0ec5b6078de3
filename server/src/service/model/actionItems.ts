/**
 * Action items: from sections of kind `action_items` (and their sub-sections, whose titles can set the
 * type), or, when there is none, from label paragraphs (`**Corrective and Preventative Measures:**`,
 * `Action Items`, `**Actions planned:**`). Task lists, numbered/bullet lists, tables, and paragraphs in
 * sub-sections that hold no list. "Actions taken" during the response are not action items, except under
 * an `**Actions taken:**` label among lessons (the team's own follow-ups, done).
 *
 * Here: which sections, bold sections and labels hold items, and the paragraphs and headings that are items. Lists,
 * tables and the fields in an item's text are read in actionItemLists.ts, actionItemTables.ts and actionItemFields.ts.
 */
import type { Heading, List, Paragraph } from 'mdast';
import type { ActionItem, Section } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { proseSlice } from './blocks';
import { type Block, endOf, headingText, plainText, sectionBlocks, sectionOfHeading, sourceOf, startOf } from './timeline/text';
import { positionAt } from './ranges';
import { classifySection, normaliseTitle } from './sections';
import { DONE_TITLE, isItemHeading, LABEL, NOT_ACTIONS, NOT_ITEMS, SECTION_TITLE, typeFromTitle } from './actionItemTitles';
import { type Ctx, itemFromText, push } from './actionItemFields';
import { fromListItem } from './actionItemLists';
import { fromTable } from './actionItemTables';

function fromParagraph(doc: ParsedDocument, p: Paragraph, ctx: Ctx, out: ActionItem[]): void {
  push(out, itemFromText(doc, sourceOf(doc, p), startOf(p), { start: startOf(p), end: endOf(p) }, 'paragraph', ctx, null));
}

/** A paragraph that only labels what follows (`**Completed:**`, `Done:`): its words, else null. */
function labelParagraph(doc: ParsedDocument, p: Paragraph): string | null {
  const words = plainText(sourceOf(doc, p)).trim();
  return /:$/.test(words) || (p.children.length === 1 && p.children[0]!.type === 'strong') ? words.replace(/:\s*$/, '') : null;
}

/** A list written under a paragraph and indented past it: the paragraph's detail, not items of their own. */
function indentedUnder(doc: ParsedDocument, p: Paragraph, next: Block | undefined): next is List {
  return next?.type === 'list' && positionAt(doc, startOf(next)).character > positionAt(doc, startOf(p)).character;
}

/** `Action item: text`, `**TODO:** text`: the label of a one-item paragraph. */
const ITEM_LABEL = /^(?:\*\*|__)?(?:action(?: item)?|ai|todo|follow[- ]?up)(?:\*\*|__)?\s*:(?:\*\*|__)?[ \t]*/i;

/** `**Title.** text` or `Action item: text`: a paragraph that is one item. */
function isItemParagraph(doc: ParsedDocument, p: Paragraph): boolean {
  if (p.children[0]?.type === 'strong' && p.children.length > 1) return true;
  return ITEM_LABEL.test(sourceOf(doc, p));
}

/** A one-item paragraph; its `Action item:` label is not part of the item's text. */
function fromItemParagraph(doc: ParsedDocument, p: Paragraph, ctx: Ctx, out: ActionItem[]): void {
  const src = sourceOf(doc, p);
  const label = ITEM_LABEL.exec(src)?.[0].length ?? 0;
  push(out, itemFromText(doc, src.slice(label), startOf(p) + label, { start: startOf(p), end: endOf(p) }, 'paragraph', ctx, null));
}

/**
 * Items of an action-items section: its lists and tables; a paragraph with an indented list under it (one item with
 * its detail); bold-titled and `Action item:` paragraphs; in a part with no list, its heading (when the heading is an
 * action) or its paragraphs. Sub-sections listing problems or findings hold no items.
 */
function fromSection(doc: ParsedDocument, blocks: Block[], out: ActionItem[]): void {
  let ctx: Ctx = {};
  // The depth of the heading that said its items are done: deeper headings stay done.
  let doneDepth = Infinity;
  let heading: Heading | undefined;
  let paragraphs: Paragraph[] = [];
  let hasList = false;
  let skip = false;
  let last: Block | undefined;
  // A lone paragraph directly under the section is its one item only when the section holds nothing else.
  const seen = blocks.filter((b) => b.type !== 'html' && b.type !== 'thematicBreak' && b.type !== 'definition');
  const lone = seen.length === 1 && seen[0]!.type === 'paragraph';
  const flush = () => {
    if (!hasList && !skip) {
      const title = heading && headingText(doc, heading);
      if (heading && title && isItemHeading(title.text)) {
        push(out, itemFromText(doc, title.text, title.offset, { start: startOf(heading), end: endOf(last ?? heading) }, 'heading', ctx, null));
      } else if (heading || lone) for (const p of paragraphs) fromParagraph(doc, p, ctx, out);
    }
    paragraphs = [];
    hasList = false;
  };
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.type === 'heading') {
      flush();
      heading = b;
      const title = headingText(doc, b).text;
      const norm = normaliseTitle(title);
      const kind = classifySection(title);
      skip = NOT_ITEMS.test(norm) || (kind !== 'other' && kind !== 'action_items' && !typeFromTitle(title) && !DONE_TITLE.test(norm));
      if (b.depth <= doneDepth) doneDepth = DONE_TITLE.test(norm) ? b.depth : Infinity;
      ctx = { type: typeFromTitle(title), done: doneDepth < Infinity || undefined };
    } else if (skip) {
      // a part that lists something else
    } else if (b.type === 'list') {
      hasList = true;
      for (const item of b.children) fromListItem(doc, item, ctx, out, b.ordered ?? false);
    } else if (b.type === 'table') {
      hasList = true;
      fromTable(doc, b, ctx, out);
    } else if (b.type === 'paragraph') {
      const next = blocks[k + 1];
      if (indentedUnder(doc, b, next)) {
        hasList = true;
        push(out, itemFromText(doc, proseSlice(doc, startOf(b), endOf(next)), startOf(b), { start: startOf(b), end: endOf(next) }, 'paragraph', ctx, null));
        k++;
        last = next;
        continue;
      }
      const label = labelParagraph(doc, b);
      // `**Completed:**` over a list: what follows, up to the next label or heading, is done; `**Open:**` is not.
      if (label !== null) ctx = { ...ctx, done: DONE_TITLE.test(normaliseTitle(label)) || doneDepth < Infinity || undefined };
      if (label !== null && ctx.done && doneDepth === Infinity) {
        // a label, not an item
      } else if (isItemParagraph(doc, b)) { hasList = true; fromItemParagraph(doc, b, ctx, out); } else paragraphs.push(b);
    }
    last = b;
  }
  flush();
}

function paragraphLabel(doc: ParsedDocument, b: Block): { label: string; rest?: { src: string; base: number } } | null {
  if (b.type !== 'paragraph') return null;
  const src = sourceOf(doc, b);
  const whole = plainText(src);
  if (LABEL.test(whole)) return { label: whole };
  const first = b.children[0];
  if (first?.type === 'strong') {
    const label = plainText(sourceOf(doc, first)).replace(/:\s*$/, '');
    if (LABEL.test(label)) {
      const after = endOf(first) - startOf(b);
      const m = /^\s*:?\s*/.exec(src.slice(after))!;
      const rest = src.slice(after + m[0].length);
      return rest.trim() ? { label, rest: { src: rest, base: startOf(b) + after + m[0].length } } : { label };
    }
  }
  return null;
}

export function readActionItems(doc: ParsedDocument, sections: Section[]): ActionItem[] {
  const out: ActionItem[] = [];
  const tree = doc.tree;
  let found = false;
  for (let i = 0; i < tree.children.length; i++) {
    const node = tree.children[i]!;
    if (node.type !== 'heading') continue;
    const title = headingText(doc, node).text;
    const section = sectionOfHeading(doc, sections, node);
    if ((section?.kind !== 'action_items' && !SECTION_TITLE.test(title)) || NOT_ACTIONS.test(title)) continue;
    found = true;
    const { blocks, next } = sectionBlocks(tree, i + 1, node.depth);
    fromSection(doc, blocks, out);
    i = next - 1;
  }
  if (found) {
    // `Action item: …` written where the discussion is (under lessons, say) is an item too.
    const inSections = new Set(out.map((it) => it.range.start.line));
    for (const b of tree.children) {
      if (b.type !== 'paragraph' || !/^(?:\*\*|__)?action item(?:\*\*|__)?\s*:/i.test(sourceOf(doc, b))) continue;
      if (inSections.has(positionAt(doc, startOf(b)).line)) continue;
      fromItemParagraph(doc, b, {}, out);
    }
    return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
  // No heading: bold sections of action items, and label paragraphs with the block that follows each.
  const boldAt = new Map(sections.filter((s) => s.style !== 'heading' && s.kind === 'action_items' && s.bodyRange.start.line !== s.headingRange.start.line).map((s) => [s.headingRange.start.line, s]));
  for (let i = 0; i < tree.children.length; i++) {
    const bold = boldAt.get(positionAt(doc, startOf(tree.children[i]!)).line);
    if (bold) {
      // `**What are we doing to prevent it?**`: everything up to the section's end.
      let k = i + 1;
      while (k < tree.children.length && positionAt(doc, startOf(tree.children[k]!)).line <= bold.range.end.line) k++;
      fromSection(doc, tree.children.slice(i + 1, k), out);
      i = k - 1;
      continue;
    }
    const label = paragraphLabel(doc, tree.children[i]!);
    if (!label) continue;
    const ctx: Ctx = { type: typeFromTitle(label.label), done: /\btaken\b/i.test(label.label) || undefined };
    const p = tree.children[i] as Paragraph;
    if (label.rest) {
      const it = itemFromText(doc, label.rest.src, label.rest.base, { start: startOf(p), end: endOf(p) }, 'paragraph', ctx, null);
      if (it.text) out.push(it);
      continue;
    }
    const next = tree.children[i + 1];
    if (next?.type === 'list') for (const item of next.children) fromListItem(doc, item, ctx, out);
    else if (next?.type === 'table') fromTable(doc, next, ctx, out);
    else if (next?.type === 'paragraph' && !paragraphLabel(doc, next)) fromParagraph(doc, next, ctx, out);
  }
  return out;
}
