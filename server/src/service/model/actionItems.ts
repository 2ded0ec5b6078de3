/**
 * Action items: from sections of kind `action_items` (and their sub-sections, whose titles can set the
 * type), or, when there is none, from label paragraphs (`**Corrective and Preventative Measures:**`,
 * `Action Items`, `**Actions planned:**`). Task lists, numbered/bullet lists, tables, and paragraphs in
 * sub-sections that hold no list. "Actions taken" during the response are not action items, except under
 * an `**Actions taken:**` label among lessons (the team's own follow-ups, done).
 *
 * Fields: the canonical suffix `(owner: @alice, due: 2024-06-01, type: detect, priority: P1, ticket: OPS-12)`,
 * `@name`, `by/due 2024-06-01`, `(P1)`/`P0`/`**HIGH**`, `[#123](url)`, `ABC-12`, issue URLs; table columns.
 */
import type { Heading, List, ListItem, Paragraph, Table, TableCell } from 'mdast';
import type { ActionItem, ActionItemField, ActionItemFieldGroup, ActionItemMarker, ActionItemType, Located, Section, TableCellRef } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { MARKER_PATTERN } from '../../../../core/trackers/types';
import { findDateInText } from './times';
import { proseSlice } from './blocks';
import { type Block, endOf, headingText, plainText, sectionBlocks, sectionOfHeading, sourceOf, startOf } from './timeline/text';
import { positionAt, rangeFromOffsets } from './ranges';
import { classifySection, normaliseTitle } from './sections';

const SECTION_TITLE = /\baction items?\b|\bactions?\b.*\b(?:planned|follow[- ]?ups?)\b|\bcorrective\b|\bpreventa?tive\b|\bfollow[- ]?ups?(?: actions| items)?\b|\bnext steps\b|\bremediation items\b|\bto-?dos?\b/i;
const NOT_ACTIONS = /\btaken\b|\btime\s?line\b|\bduring the (?:incident|response)\b/i;
const LABEL = /^(?:action items?|actions? (?:planned|taken)|corrective (?:and preventa?tive )?(?:actions|measures)|follow[- ]?up actions?|next steps)\s*:?$/i;
/** `Owner: Bob Jones`, ` - Due: 2024-04-01`, `; Type: prevent`: a label after the start or a separator, its value up to the next one. */
const LABELLED = /(^|\s+[-–—|;,]\s+|[,;|]\s*|\s*[[(]|\s+)(?:\*\*|__)?(owner|assignee|assigned to|due date|due|deadline|type|priority|ticket|jira|issue)(?:\*\*|__)?\s*:(?:\*\*|__)?[ \t]*((?:(?![ \t]+[-–—|][ \t])[^,;|()[\]\n*])*[^,;|()[\]\s*_])\]?/gi;
const EMPTY = /^(?:|-|—|–|n\/?a|tbd|none|\?|unassigned)$/i;
/** Capitalised words that say a state or a group, not who owns an item. */
const NOT_A_NAME = /^(?:we|they|you|i|us|our|someone|the|this|that|it|shared|done|existing|complete[d]?|ongoing|pending|open|closed|none|all|team|everyone|everybody|tbd|tbc|backlog|planned|yes|no|in|not|needs?|blocked|waiting|fixed|new|see|n\/a|na|wip|todo)$/i;

/** Verbs an item starts with ("Subscribe to the list", "Switch to v2"): not a person taking the item on. */
const IMPERATIVE = /^(?:add|update|migrate|move|switch|upgrade|downgrade|subscribe|write|create|ensure|make|set|change|reach|go|get|try|plan|need|continue|start|begin|commit|consider|look|work|talk|respond|return|revert|roll|scale|limit|listen|default|port|link|compare|convert|apply|contribute|refer|pin|fix|document|investigate|review|remove|enable|disable|implement|introduce|automate|require|restrict|stick|hold|fall|push|send|reply|escalate|communicate|page|alert|monitor|test|run|deploy|backport|agree|decide|stop|keep|allow|point|redirect|rewrite|refactor)$/i;

/** A state written after a ticket in its cell (`Bug 5554823 TODO`, `n/a DONE`). */
export const STATE_SUFFIX = /(?:^|[ \t]+)(TODO|DONE|FIXED|CLOSED|OPEN|IN PROGRESS|WONTFIX|COMPLETED?)[ \t]*$/;

/** A block that is only an identity marker (written after an item's nested list). */
const MARKER_ONLY = new RegExp(`^\\s*${MARKER_PATTERN.source}\\s*$`);

interface Ctx { type?: ActionItemType; done?: boolean }

export function typeFromTitle(title: string): ActionItemType | undefined {
  if (/\bcorrective\b/i.test(title)) return undefined; // "Corrective and preventative": no single kind
  if (/\bprevent/i.test(title)) return 'prevent';
  if (/\bdetect|\bmonitor|\balert/i.test(title)) return 'detect';
  if (/\bmitigat/i.test(title)) return 'mitigate';
  if (/\bprocess|\bdocument|\btraining|\bcommunicat/i.test(title)) return 'process';
  return undefined;
}

/** FNV-1a (32-bit) of the normalised text, as 8 hex digits. */
export function actionItemId(text: string): string {
  const norm = text.toLowerCase().replace(/[\s.,;:!]+$/g, '').replace(/\s+/g, ' ').trim();
  let h = 0x811c9dc5;
  for (let i = 0; i < norm.length; i++) {
    h ^= norm.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

interface Span { start: number; end: number }

function loc(doc: ParsedDocument, value: string, at: Span, source: Located<string>['source'], key?: Span): Located<string> {
  const l: Located<string> = { value, range: rangeFromOffsets(doc, at.start, at.end), source };
  if (key) l.keyRange = rangeFromOffsets(doc, key.start, key.end);
  return l;
}

function refDefinition(doc: ParsedDocument, label: string): string | undefined {
  const esc = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^ {0,3}\\[${esc}\\]:\\s*<?(\\S+?)>?\\s*$`, 'im').exec(doc.text)?.[1];
}

/**
 * The last `(owner: …, due: …)` group in `src`, matched with balanced parentheses so a value such as
 * `ticket: see(6)` stays inside its group. Shaped like a RegExp match: [whole, inner] and `index`.
 */
function lastFieldGroup(src: string): { 0: string; 1: string; index: number } | null {
  let found: { 0: string; 1: string; index: number } | null = null;
  for (const m of src.matchAll(/\(\s*(?=(?:owner|due|type|priority|ticket)\s*:)/gi)) {
    let depth = 0;
    for (let i = m.index!; i < src.length; i++) {
      if (src[i] === '(') depth++;
      else if (src[i] === ')' && --depth === 0) {
        const whole = src.slice(m.index!, i + 1);
        found = { 0: whole, 1: whole.slice(m[0].length, -1).trimEnd(), index: m.index! };
        break;
      }
    }
  }
  return found;
}

/** The last identity marker (`<!-- postmortem-item: pm-… -->`) between two document offsets. */
export function findMarker(doc: ParsedDocument, start: number, end: number): (ActionItemMarker & Span) | undefined {
  let found: (ActionItemMarker & Span) | undefined;
  for (const m of doc.text.slice(start, end).matchAll(new RegExp(MARKER_PATTERN.source, 'g'))) {
    const s = start + m.index!;
    found = { id: m[1]!, start: s, end: s + m[0].length, range: rangeFromOffsets(doc, s, s + m[0].length) };
  }
  return found;
}

/** Splits a group's inner text into `key: value` parts at top-level commas (`ticket: see(6)` stays whole). */
function groupParts(inner: string): { key: string; keyAt: number; value: string; valueAt: number }[] {
  const out: { key: string; keyAt: number; value: string; valueAt: number }[] = [];
  let depth = 0;
  let from = 0;
  const take = (to: number) => {
    const part = inner.slice(from, to);
    const m = /^(\s*)([A-Za-z][\w -]*?)\s*:\s*/.exec(part);
    if (m) {
      const value = part.slice(m[0].length).replace(/\s+$/, '');
      if (value) out.push({ key: m[2]!, keyAt: from + m[1]!.length, value, valueAt: from + m[0].length });
    }
    from = to + 1;
  };
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '(') depth++;
    else if (inner[i] === ')') depth = Math.max(0, depth - 1);
    else if (inner[i] === ',' && depth === 0) take(i);
  }
  take(inner.length);
  return out;
}

/** An item written as text (list item or paragraph): `src` starts at document offset `base`. */
function itemFromText(doc: ParsedDocument, src: string, base: number, range: Span, style: ActionItem['style'], ctx: Ctx, checked: boolean | null): ActionItem {
  const cut: Span[] = [];
  const at = (s: number, e: number): Span => ({ start: base + s, end: base + e });
  const fields: Partial<Record<'owner' | 'due' | 'type' | 'priority' | 'ticket', Located<string>>> = {};
  let dueRaw = '';
  let mention: Span | undefined;
  const blank = (text: string, span: Span) => text.slice(0, span.start) + ' '.repeat(span.end - span.start) + text.slice(span.end);
  // The identity marker is never part of the text, wherever in the item it stands.
  const marker = findMarker(doc, range.start, range.end);
  const markerInSrc = marker && marker.start >= base && marker.end <= base + src.length ? { start: marker.start - base, end: marker.end - base } : undefined;
  if (markerInSrc) { cut.push(markerInSrc); src = blank(src, markerInSrc); }
  // The canonical field group `(owner: …, due: …)`: usually the suffix, but a ticket or a note may follow it.
  const suffix = lastFieldGroup(src);
  let group: ActionItemFieldGroup | undefined;
  if (suffix) {
    cut.push({ start: suffix.index, end: suffix.index + suffix[0].length });
    const inner = suffix.index + suffix[0].indexOf(suffix[1]!);
    const all: Record<string, ActionItemField> = {};
    for (const part of groupParts(suffix[1]!)) {
      const ks = inner + part.keyAt;
      const vs = inner + part.valueAt;
      const name = part.key.toLowerCase();
      all[name] = { value: part.value, range: rangeFromOffsets(doc, base + vs, base + vs + part.value.length), keyRange: rangeFromOffsets(doc, base + ks, base + ks + part.key.length) };
      if (!/^(?:owner|due|type|priority|ticket)$/.test(name)) continue;
      const key = name as keyof typeof fields;
      fields[key] = loc(doc, part.value, at(vs, vs + part.value.length), 'inline', at(ks, ks + part.key.length));
      if (key === 'due') dueRaw = part.value;
    }
    group = { range: rangeFromOffsets(doc, base + suffix.index, base + suffix.index + suffix[0].length), fields: all };
  }
  // The rest of the text, the field group blanked out (offsets unchanged).
  const body = suffix ? blank(src, { start: suffix.index, end: suffix.index + suffix[0].length }) : src;
  // Labelled fields outside the group: `- Owner: Bob Jones - Due: 2024-04-01 - Type: prevent` (labels in any case).
  for (const m of body.matchAll(LABELLED)) {
    const label = m[2]!.toLowerCase();
    const key: keyof typeof fields = /^(?:owner|assignee|assigned to)$/.test(label) ? 'owner' : /^(?:due|due date|deadline)$/.test(label) ? 'due' : label === 'type' ? 'type' : /^(?:ticket|jira|issue)$/.test(label) ? 'ticket' : 'priority';
    const value = m[3]!;
    if (fields[key] || (key === 'owner' && value.split(/\s+/).length > 4)) continue;
    const vs = m.index! + m[0].length - value.length;
    const ks = m.index! + m[1]!.length + m[0].slice(m[1]!.length).search(/[A-Za-z]/);
    fields[key] = loc(doc, value, at(vs, vs + value.length), 'inline', at(ks, ks + m[2]!.length));
    if (key === 'due') dueRaw = value;
    cut.push({ start: m.index!, end: m.index! + m[0].length });
  }
  if (!fields.owner) {
    // `- owner @pat`, `| assignee @pat`: the word and the mention are one annotation.
    const m = /(\s+[-–—|;,]\s+|\s+|^)(?:owner|assignee|assigned to|dri)\s+(@[A-Za-z0-9](?:[\w.-]*\w)?)/i.exec(body);
    if (m) {
      const s = m.index + m[0].length - m[2]!.length;
      fields.owner = loc(doc, m[2]!, at(s, s + m[2]!.length), 'inline');
      cut.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  if (!fields.owner) {
    const m = /(?:^|[\s(])(@[A-Za-z0-9](?:[\w.-]*\w)?)/.exec(body);
    if (m) { const s = m.index + m[0].length - m[1]!.length; fields.owner = loc(doc, m[1]!, at(s, s + m[1]!.length), 'inline'); mention = { start: s, end: s + m[1]!.length }; }
  }
  if (!fields.owner) {
    // `(assigned to Dana)`, `(owner Dana Lee)`: the words and the name are one annotation.
    const m = /\(\s*(?:owner|assignee|assigned to)\s+([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)\s*\)/.exec(body);
    if (m) { const s = m.index + m[0].indexOf(m[1]!); fields.owner = loc(doc, m[1]!, at(s, s + m[1]!.length), 'inline'); cut.push({ start: m.index, end: m.index + m[0].length }); }
  }
  if (!fields.owner) {
    // `Add queue dashboards (Pat)`, `(Pat Lee, Sept 30)`: a name in the closing brackets, a due date after it.
    const m = /\(([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)(?:,\s*([^()]+?))?\)[\s.]*$/.exec(body.trimEnd());
    const due = m?.[2] ? findDateInText(m[2]) ?? (/^[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?$/.test(m[2].trim()) ? { iso: m[2].trim() } : null) : null;
    if (m && !NOT_A_NAME.test(m[1]!.split(' ')[0]!) && !IMPERATIVE.test(m[1]!.split(' ')[0]!) && (!m[2] || due)) {
      const s = m.index + 1;
      fields.owner = loc(doc, m[1]!, at(s, s + m[1]!.length), 'inline');
      if (m[2] && !fields.due) { const ds = m.index + m[0].indexOf(m[2]); dueRaw = m[2].trim(); fields.due = loc(doc, dueRaw, at(ds, ds + dueRaw.length), 'inline'); }
      cut.push({ start: m.index, end: m.index + m[0].trimEnd().length });
    }
  }
  if (!fields.owner) {
    // `Alice to add alerting`, `Bob will update the runbook`: a name that takes the item on.
    const m = /^(?:\*\*|__)?([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)(?:\*\*|__)? (?:to|will) (?!(?:the|a|an|our|all|each|every|this|that|these|those|new|any|its|their|production|prod)\b)[a-z]/.exec(body);
    if (m && !NOT_A_NAME.test(m[1]!.split(' ')[0]!) && !IMPERATIVE.test(m[1]!.split(' ')[0]!)) fields.owner = loc(doc, m[1]!, at(m.index + m[0].indexOf(m[1]!), m.index + m[0].indexOf(m[1]!) + m[1]!.length), 'inline');
  }
  if (!fields.owner) {
    // `Add a canary stage — Jane Doe`: a name after a dash at the end.
    // A full name (two words): a single capitalised word there is as often a product ("- Postgres").
    const m = /[ \t][—–-][ \t]+([A-Z][a-z'’-]+ (?:[A-Z][a-z'’-]+|[A-Z]\.?))[ \t]*$/.exec(body.trimEnd());
    if (m && !NOT_A_NAME.test(m[1]!.split(' ')[0]!)) { const s = m.index + m[0].indexOf(m[1]!); fields.owner = loc(doc, m[1]!, at(s, s + m[1]!.length), 'inline'); cut.push({ start: m.index, end: m.index + m[0].length }); }
  }
  if (!fields.owner) {
    // `Define acceptance tests : Chris F create story`: a name after a spaced colon (a status word is not a name).
    const m = / : ((?:[A-Z][a-z'’-]+|[A-Z]{2,})(?: [A-Z][a-z'’-]*\.?)?)(?=[ \t]+[a-z]|[ \t]*$)/.exec(body);
    if (m && !NOT_A_NAME.test(m[1]!.split(' ')[0]!)) { const s = m.index + 3; fields.owner = loc(doc, m[1]!, at(s, s + m[1]!.length), 'inline'); }
  }
  if (!fields.due) {
    const m = /\b(?:due(?: date)?|by|deadline)\s*:?\s*(\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4})/.exec(body);
    if (m) { const s = m.index + m[0].length - m[1]!.length; dueRaw = m[1]!; fields.due = loc(doc, m[1]!, at(s, s + m[1]!.length), 'inline'); cut.push({ start: m.index, end: m.index + m[0].length }); }
  }
  if (!fields.priority) {
    const m = /^(\*\*)?(HIGH|MEDIUM|LOW|CRITICAL|URGENT)\1?\b:?/.exec(body) ?? /\(\s*(?:priority\s*:?\s*)?()(P[0-4])\s*\)|()\b(P[0-4])\b/.exec(body);
    if (m) {
      const value = m[2] ?? m[4]!;
      const s = m.index + m[0].indexOf(value);
      fields.priority = loc(doc, value, at(s, s + value.length), 'inline');
      if (m.index === 0 || m[0].startsWith('(')) cut.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  if (!fields.ticket) {
    const forms: [RegExp, (m: RegExpExecArray) => string, number][] = [
      [/^\[(#\d+)\]:?/, (m) => m[1]!, 1],
      [/\(?\[(#\d+|[A-Z][A-Z0-9]+-\d+)\]\(([^)\s]+)\)\)?/, (m) => m[1]!, 1],
      [/\(?\[((?:link to )?(?:issue|pr|pull request|ticket|bug|github issue)[^\]]*)\]\(([^)\s]+)\)\)?/i, (m) => m[2]!, 2],
      [/\(?\[((?:link to )?(?:issue|pr|pull request|ticket|bug)[^\]]*)\]\[([^\]]+)\]\)?/i, (m) => refDefinition(doc, m[2]!) ?? m[2]!, 1],
      [/\(?<?(https?:\/\/[^\s)>]+\/(?:issues|pull|pulls|merge_requests|browse|tickets?)\/[\w-]+[^\s)>]*)>?\)?/, (m) => m[1]!, 1],
      [/(?:^|[\s(])(#\d+)\b/, (m) => m[1]!, 1],
      [/\b((?!CVE-)[A-Z][A-Z0-9]{1,9}-\d+)\b/, (m) => m[1]!, 1],
    ];
    for (const [re, value, group] of forms) {
      const m = re.exec(body);
      if (!m) continue;
      const s = m.index + m[0].indexOf(m[group]!);
      fields.ticket = loc(doc, value(m), at(s, s + m[group]!.length), 'inline');
      if (group !== 1 || re.source.startsWith('^') || m[0].startsWith('(') || m[0].startsWith('[') || m[0].startsWith('<')) cut.push({ start: m.index, end: m.index + m[0].length });
      else cut.push({ start: s, end: s + m[group]!.length });
      break;
    }
  }
  // `Revert the policy @jack by 2024-05-21 JIRA-123`: a mention among the trailing annotations is one of them
  // (a mention inside the sentence, "Ask @bob to review", stays).
  if (mention) {
    const m = mention;
    let rest = src.slice(m.end);
    for (const c of [...cut].sort((a, b) => b.start - a.start)) if (c.start >= m.end) rest = rest.slice(0, c.start - m.end) + rest.slice(c.end - m.end);
    if (/^[\s,;:()–—-]*$/.test(rest)) cut.push(m);
  }
  // Text without the annotations.
  let text = '';
  let pos = 0;
  for (const c of cut.sort((a, b) => a.start - b.start)) {
    if (c.start >= pos) text += src.slice(pos, c.start);
    pos = Math.max(pos, c.end);
  }
  text += src.slice(pos);
  text = plainText(text).replace(/\(\s*\)/g, '').replace(/\s+/g, ' ').replace(/[\s,;:–—-]+$/, '').replace(/^[\s,;:–—-]+(?=\S)/, '').trim();
  const item: ActionItem = { text, range: rangeFromOffsets(doc, range.start, range.end), done: checked ?? ctx.done ?? false, style, id: marker?.id ?? actionItemId(text) };
  if (marker) item.marker = { id: marker.id, range: marker.range };
  if (group) item.fieldGroup = group;
  if (fields.owner) item.owner = fields.owner;
  if (fields.due) item.due = { ...fields.due, value: findDateInText(dueRaw)?.iso ?? dueRaw, raw: dueRaw };
  if (fields.priority) item.priority = fields.priority;
  if (fields.ticket) item.ticket = fields.ticket;
  if (fields.type) item.type = { ...fields.type, value: fields.type.value.toLowerCase() };
  else if (ctx.type) item.type = { value: ctx.type, range: item.range, source: 'inline' };
  return item;
}

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

function fromListItem(doc: ParsedDocument, item: ListItem, ctx: Ctx, out: ActionItem[], ordered = false): void {
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

/** Keeps an item that says something: not empty, not a placeholder (`N/A`, `None`, `TBD`). */
function push(out: ActionItem[], it: ActionItem): void {
  if (it.text && !EMPTY.test(it.text.replace(/[.:]$/, '').trim())) out.push(it);
}

/** Which column holds which field, by its header (plain, lower-cased): the one definition, read by the fixes too. */
export const TABLE_COLUMNS = {
  owner: /owner|assign|who|responsible|\bdri\b/,
  due: /due|deadline|target|eta|by when|^when$/,
  type: /^(?:type|category|kind)\b/,
  priority: /priority|prio\b|^sev/,
  ticket: /ticket|issue|jira|\bbug\b|tracking|^link|^pr\b/,
  status: /status|done|state|complete/,
} as const;

function fromTable(doc: ParsedDocument, table: Table, ctx: Ctx, out: ActionItem[]): void {
  const [head, ...rows] = table.children;
  if (!head) return;
  const cell = (c: TableCell | undefined) => {
    if (!c) return { text: '', start: 0, end: 0 };
    const src = sourceOf(doc, c);
    const lead = /^\|?[ \t]*/.exec(src)![0].length;
    const text = src.slice(lead).replace(/[ \t]*\|?[ \t]*$/, '');
    return { text, start: startOf(c) + lead, end: startOf(c) + lead + text.length };
  };
  const headers = head.children.map((c) => plainText(cell(c).text).toLowerCase());
  const col = (re: RegExp) => headers.findIndex((h) => re.test(h));
  const cols = {
    owner: col(TABLE_COLUMNS.owner),
    due: col(TABLE_COLUMNS.due),
    type: col(TABLE_COLUMNS.type),
    priority: col(TABLE_COLUMNS.priority),
    ticket: col(TABLE_COLUMNS.ticket),
    status: col(TABLE_COLUMNS.status),
  };
  const used = new Set(Object.values(cols).filter((i) => i >= 0));
  let textCol = col(/action|item|task|description|what|title|summary|remediation/);
  if (textCol < 0 || used.has(textCol)) {
    // No column named for the action: the free column that says the most (not a `#` or an ID column).
    let best = -1;
    headers.forEach((_, i) => {
      if (used.has(i)) return;
      const words = rows.reduce((n, r) => n + plainText(cell(r.children[i]).text).length, 0);
      if (best < 0 || words > rows.reduce((n, r) => n + plainText(cell(r.children[best]).text).length, 0)) best = i;
    });
    textCol = best;
  }
  if (textCol < 0) return;
  for (const row of rows) {
    const t = cell(row.children[textCol]);
    const item = itemFromText(doc, t.text, t.start, { start: startOf(row), end: endOf(row) }, 'table', ctx, null);
    if (!item.text) continue;
    item.cells = headers.map((header, column): TableCellRef => {
      const c = row.children[column];
      // A row shorter than the header has no cell there: an empty range at the row's end stands for it.
      const { text, start, end } = c ? cell(c) : { text: '', start: endOf(row), end: endOf(row) };
      return { header, column, text, range: rangeFromOffsets(doc, start, end) };
    });
    let doneFromTicket: boolean | undefined;
    for (const key of ['owner', 'priority', 'ticket', 'type'] as const) {
      const c = cell(row.children[cols[key]]);
      let v = plainText(c.text);
      // The SRE book's "Bug" column also says the state: `Bug 5554823 TODO`, `n/a DONE`.
      const state = key === 'ticket' && cols.status < 0 ? STATE_SUFFIX.exec(c.text) : null;
      if (state) {
        doneFromTicket = /^(?:done|fixed|closed|complete[d]?)$/i.test(state[1]!);
        c.text = c.text.slice(0, state.index);
        c.end = c.start + c.text.length;
        v = plainText(c.text);
      }
      if (cols[key] >= 0 && !EMPTY.test(v)) item[key] = { value: key === 'type' ? v.toLowerCase() : key === 'ticket' ? (/\]\(([^)\s]+)\)/.exec(c.text) && !/^#|^[A-Z]+-\d+$/.test(v) ? /\]\(([^)\s]+)\)/.exec(c.text)![1]! : v) : v, range: rangeFromOffsets(doc, c.start, c.end), source: 'table' };
    }
    const d = cell(row.children[cols.due]);
    const dv = plainText(d.text);
    if (cols.due >= 0 && !EMPTY.test(dv)) item.due = { value: findDateInText(dv)?.iso ?? dv, raw: dv, range: rangeFromOffsets(doc, d.start, d.end), source: 'table' };
    const st = plainText(cell(row.children[cols.status]).text);
    if (cols.status >= 0) item.done = /^(?:done|closed|complete[d]?|yes|y|fixed|resolved|merged|shipped|✅|✔️?|☑|x|\[x\])$/i.test(st);
    else if (doneFromTicket !== undefined) item.done = doneFromTicket;
    out.push(item);
  }
}

function fromParagraph(doc: ParsedDocument, p: Paragraph, ctx: Ctx, out: ActionItem[]): void {
  push(out, itemFromText(doc, sourceOf(doc, p), startOf(p), { start: startOf(p), end: endOf(p) }, 'paragraph', ctx, null));
}

/**
 * A sub-heading that is itself an action ("Removal of the legacy flag", "Add a canary stage"), not a category
 * ("Repo2docker", "Process", "Detection"): a few words, and not a kind of action item.
 */
function isItemHeading(title: string): boolean {
  const words = plainText(title).replace(/[:.]\s*$/, '').split(/\s+/).filter(Boolean);
  if (words.length < 3 || SECTION_TITLE.test(title)) return false;
  // "Monitoring and alerting", "Process improvements": a kind of item, in a few words.
  return !(typeFromTitle(title) && words.length <= 3);
}

/** A sub-section of the action items that lists something else (problems found, findings, risks). */
const NOT_ITEMS = /^(?:identified |known |open |remaining )?(?:problems?|issues?|findings?|risks?|observations?|symptoms?)$/;
/**
 * A sub-section (or label) whose items are already done: "Completed", "Done", "Already done", "Actions taken",
 * "Completed action items", "Items already implemented", "What we have already done". Over normalised titles.
 */
const DONE_TITLE = /^(?:(?:already )?(?:completed?|done|finished|implemented|resolved|shipped)(?: (?:action items?|actions?|items?|tasks?|work|follow ups?|remediations?))?|(?:action items?|actions?|items?|tasks?|steps|work|follow ups?|remediations?) (?:already )?(?:taken|completed?|done|finished|implemented|shipped)(?: so far)?|already (?:taken|in place)|what we(?: ve| have)? (?:already )?done(?: so far)?)$/;

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
