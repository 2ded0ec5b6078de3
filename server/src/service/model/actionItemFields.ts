/**
 * The field parser: one action item from its text (a list item, a paragraph, a heading or a table cell), with the
 * fields written in it, and the text without them. Separate because every shape an item is written in reads its
 * text the same way.
 *
 * Fields: the canonical suffix `(owner: @alice, due: 2024-06-01, type: detect, priority: P1, ticket: OPS-12)`,
 * `@name`, `by/due 2024-06-01`, `(P1)`/`P0`/`**HIGH**`, `[#123](url)`, `ABC-12`, issue URLs.
 */
import type { ActionItem, ActionItemField, ActionItemFieldGroup, ActionItemMarker, ActionItemType, Located } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { MARKER_PATTERN } from '../../../../core/trackers/types';
import { findDateInText } from './proseDates';
import { plainText } from './timeline/text';
import { rangeFromOffsets } from './ranges';

/** `Owner: Bob Jones`, ` - Due: 2024-04-01`, `; Type: prevent`: a label after the start or a separator, its value up to the next one. */
const LABELLED = /(^|\s+[-–—|;,]\s+|[,;|]\s*|\s*[[(]|\s+)(?:\*\*|__)?(owner|assignee|assigned to|due date|due|deadline|type|priority|ticket|jira|issue)(?:\*\*|__)?\s*:(?:\*\*|__)?[ \t]*((?:(?![ \t]+[-–—|][ \t])[^,;|()[\]\n*])*[^,;|()[\]\s*_])\]?/gi;
export const EMPTY = /^(?:|-|—|–|n\/?a|tbd|none|\?|unassigned)$/i;
/** Capitalised words that say a state or a group, not who owns an item. */
const NOT_A_NAME = /^(?:we|they|you|i|us|our|someone|the|this|that|it|shared|done|existing|complete[d]?|ongoing|pending|open|closed|none|all|team|everyone|everybody|tbd|tbc|backlog|planned|yes|no|in|not|needs?|blocked|waiting|fixed|new|see|n\/a|na|wip|todo)$/i;

/** Verbs an item starts with ("Subscribe to the list", "Switch to v2"): not a person taking the item on. */
const IMPERATIVE = /^(?:add|update|migrate|move|switch|upgrade|downgrade|subscribe|write|create|ensure|make|set|change|reach|go|get|try|plan|need|continue|start|begin|commit|consider|look|work|talk|respond|return|revert|roll|scale|limit|listen|default|port|link|compare|convert|apply|contribute|refer|pin|fix|document|investigate|review|remove|enable|disable|implement|introduce|automate|require|restrict|stick|hold|fall|push|send|reply|escalate|communicate|page|alert|monitor|test|run|deploy|backport|agree|decide|stop|keep|allow|point|redirect|rewrite|refactor)$/i;

/** What the heading or label above an item says about it: its type, and whether it is done. */
export interface Ctx { type?: ActionItemType; done?: boolean }

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
export function itemFromText(doc: ParsedDocument, src: string, base: number, range: Span, style: ActionItem['style'], ctx: Ctx, checked: boolean | null): ActionItem {
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

/** Keeps an item that says something: not empty, not a placeholder (`N/A`, `None`, `TBD`). */
export function push(out: ActionItem[], it: ActionItem): void {
  if (it.text && !EMPTY.test(it.text.replace(/[.:]$/, '').trim())) out.push(it);
}
