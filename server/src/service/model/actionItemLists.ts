/**
 * Action items written as list items (task lists, bullets, numbered lists): a bold label over a nested list sets the
 * type or says the items are done, and a nested detail bullet can give the owner, due date or ticket. Separate from
 * tables and paragraphs because a list item's nesting decides what is an item and what is its detail.
 */
import type { List, ListItem, Paragraph } from 'mdast';
import type { ActionItem } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { MARKER_PATTERN } from '../../../../core/trackers/types';
import { proseSlice } from './blocks';
import { endOf, plainText, sourceOf, startOf } from './timeline/text';
import { normaliseTitle } from './sections';
import { DONE_TITLE, typeFromTitle } from './actionItemTitles';
import { type Ctx, itemFromText, push } from './actionItemFields';

/** A block that is only an identity marker (written after an item's nested list). */
const MARKER_ONLY = new RegExp(`^\\s*${MARKER_PATTERN.source}\\s*$`);

/** A list item whose own text is only a label (`**Improvements:**`) with a nested list. */
function labelOnly(doc: ParsedDocument, p: Paragraph): string | null {
  const first = p.children[0];
  if (first?.type !== 'strong') return null;
  const text = plainText(sourceOf(doc, p));
  return /^[^.]{1,60}:?$/.test(text) && p.children.length <= 2 ? text.replace(/:$/, '') : null;
}

/** Copies owner/due/ticket written in a nested detail bullet (`- Owner: Bob`) into an item that lacks them. */
function fieldsFromDetails(doc: ParsedDocument, nested: List[], it: ActionItem): void {
  for (const l of nested) {
    for (const sub of l.children) {
      const para = sub.children[0];
      if (para?.type !== 'paragraph') continue;
      const src = sourceOf(doc, para);
      if (!/^(?:\*\*|__)?(?:owner|assignee|assigned to|due(?: date)?|deadline|ticket|jira|issue)\b/i.test(src)) continue;
      const detail = itemFromText(doc, src, startOf(para), { start: startOf(para), end: endOf(para) }, 'list', {}, null);
      for (const key of ['owner', 'due', 'ticket'] as const) if (!it[key] && detail[key]) (it as unknown as Record<string, unknown>)[key] = detail[key];
    }
  }
}

export function fromListItem(doc: ParsedDocument, item: ListItem, ctx: Ctx, out: ActionItem[], ordered = false): void {
  const own = item.children.filter((c) => c.type !== 'list' && !(c.type === 'html' && MARKER_ONLY.test(c.value)));
  const nested = item.children.filter((c): c is List => c.type === 'list');
  const first = own[0];
  let whole = false;
  if (first?.type === 'paragraph' && nested.length && own.length === 1) {
    const label = labelOnly(doc, first);
    // In a bullet list a label is a category ("**Monitoring:**" then items); in a numbered list it is an item titled
    // by the label, with its detail ("1. **Bug bounty**" then "- We will establish…").
    if (label && !ordered) {
      const sub: Ctx = { ...ctx, type: typeFromTitle(label) ?? ctx.type, done: DONE_TITLE.test(normaliseTitle(label)) || ctx.done };
      for (const l of nested) for (const it of l.children) fromListItem(doc, it, sub, out, l.ordered ?? false);
      return;
    }
    whole = !!label;
  }
  if (!first) return;
  const start = startOf(first);
  let src = proseSlice(doc, start, whole ? endOf(item) : endOf(own[own.length - 1]!));
  let base = start;
  const box = /^\[[ xX]\][ \t]+/.exec(src);
  if (box) { src = src.slice(box[0].length); base += box[0].length; }
  const checked = typeof item.checked === 'boolean' ? item.checked : null;
  const it = itemFromText(doc, src, base, { start: startOf(item), end: endOf(item) }, checked !== null ? 'task' : 'list', ctx, checked);
  if (!whole) fieldsFromDetails(doc, nested, it);
  push(out, it);
}
