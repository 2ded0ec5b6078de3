/**
 * Completions: missing section headings, frontmatter keys and values, inline `**Severity:**` values,
 * a timestamp for now in the timeline, owners, and action-item fields. Reads the model's ranges and the
 * current line's text only (no parsing), so it stays well under a millisecond on ordinary documents.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, TextEdit } from 'vscode-languageserver-types';
import type { CompletionItem } from 'vscode-languageserver-types';
import { ACTION_ITEM_TYPES, SECTION_ORDER } from '../../../common/model';
import type { PostmortemModel, Position, Section, SectionKind } from '../../../common/model';
import type { PostmortemSettings } from '../../../common/settings';
import type { ParsedDocument, SchemaInfo } from './types';
import { formatTimestamp } from './model/times';
import { SECTION_DESCRIPTIONS, sectionInsertPoint, sectionSkeleton, targetDueDate } from './edits';
import { contains, lineText } from './model/ranges';
import { SECTION_TITLES } from './model/sections';

export const ACTION_TYPE_DESCRIPTIONS: Record<string, string> = {
  prevent: 'Stops this from happening again (removes a contributing factor).',
  detect: 'Notices it sooner next time (alerting, monitoring, dashboards).',
  mitigate: 'Makes the impact smaller or shorter next time (runbooks, fallbacks, limits).',
  process: 'Changes how we work (reviews, on-call, communication).',
};

const FIELD_DESCRIPTIONS: Record<string, string> = {
  owner: 'Who drives the item to done: `@name`.',
  due: 'When it should be done: `YYYY-MM-DD`.',
  type: 'What kind of item: prevent, detect, mitigate or process.',
  priority: 'How urgent: P0 (highest) to P3.',
  ticket: 'The tracking ticket: `ABC-123`, `#123` or a link.',
};

const md = (value: string) => ({ kind: MarkupKind.Markdown, value });
const pad = (n: number) => String(n).padStart(3, '0');

export function getCompletions(doc: ParsedDocument, model: PostmortemModel, position: Position, schema: SchemaInfo,
  settings: PostmortemSettings, now: Date = new Date()): CompletionItem[] {
  const line = lineText(doc, position.line);
  const prefix = line.slice(0, position.character);
  const fm = model.metadata.frontmatter;
  const fmEnd = fm ? (fm.range.end.character === 0 && fm.range.end.line > fm.range.start.line ? fm.range.end.line - 1 : fm.range.end.line) : -1;
  if (fm && position.line > fm.range.start.line && position.line < fmEnd) {
    return frontmatterCompletions(model, position, prefix, schema, fm.kind === 'toml');
  }
  const inline = /^\s*(?:[-*+]\s+)?\*\*(severity|status)\s*:?\s*\*\*\s*:?\s*([\w-]*)$/i.exec(prefix);
  if (inline) return valueCompletions(inline[1]!.toLowerCase(), schema, position, inline[2]!.length);

  const section = innermost(model.sections, position);
  const inKind = (kind: SectionKind) => {
    for (let s: Section | undefined = section; s; s = s.parent >= 0 ? model.sections[s.parent] : undefined) if (s.kind === kind) return true;
    return false;
  };
  const items: CompletionItem[] = [];
  if (inKind('action_items') || model.actionItems.some(a => contains(a.range, position))) {
    items.push(...actionItemCompletions(model, position, prefix, settings, now));
    if (items.length) return items;
  }
  if (inKind('timeline') && /^\s*(\|\s*|[-*+]\s*)?$/.test(prefix) && !(section && section.headingRange.start.line === position.line)) {
    items.push(...timestampCompletions(doc, model, position, prefix, settings, now));
  }
  const heading = /^\s{0,3}(#{1,6})\s*([^#]*)$/.exec(prefix);
  if (heading || prefix.trim() === '') items.push(...headingCompletions(doc, model, position, heading?.[1]?.length));
  return items;
}

function innermost(sections: Section[], position: Position): Section | undefined {
  let found: Section | undefined;
  for (const s of sections) if (contains(s.range, position) && (!found || s.depth > found.depth)) found = s;
  return found;
}

// --- section headings --------------------------------------------------------------------------

function snippetOf(text: string): string {
  const escaped = text.replace(/[\\$}]/g, m => `\\${m}`);
  return escaped.replace('TODO', '${1:TODO}') + '$0';
}

function headingCompletions(doc: ParsedDocument, model: PostmortemModel, position: Position, typedDepth?: number): CompletionItem[] {
  const present = new Set(model.sections.map(s => s.kind));
  const range = { start: { line: position.line, character: 0 }, end: position };
  return SECTION_ORDER.filter(kind => !present.has(kind)).map((kind, i) => {
    const canonical = sectionInsertPoint(doc, model, kind).depth;
    const depth = typedDepth && typedDepth > 1 ? typedDepth : canonical;
    const title = SECTION_TITLES[kind];
    const label = `${'#'.repeat(depth)} ${title}`;
    return {
      label,
      kind: CompletionItemKind.Module,
      detail: 'Postmortem section',
      documentation: md(`${SECTION_DESCRIPTIONS[kind]}\n\nInserts the heading with a skeleton to fill in.`),
      sortText: `0${pad(SECTION_ORDER.indexOf(kind))}`,
      filterText: label,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(range, `${label}\n\n${snippetOf(sectionSkeleton(kind))}`),
      preselect: i === 0,
    } satisfies CompletionItem;
  });
}

// --- frontmatter -------------------------------------------------------------------------------

function frontmatterCompletions(model: PostmortemModel, position: Position, prefix: string, schema: SchemaInfo, toml: boolean): CompletionItem[] {
  const keyPos = /^([\w$-]*)$/.exec(prefix);
  if (keyPos) {
    const present = new Set(Object.keys(model.metadata.frontmatter?.keys ?? {}).map(k => k.toLowerCase()));
    const range = { start: { line: position.line, character: 0 }, end: position };
    return schema.metadataKeys.filter(k => !present.has(k.key.toLowerCase()) || k.key.toLowerCase() === keyPos[1]!.toLowerCase())
      .map((k, i) => ({
        label: k.key,
        kind: CompletionItemKind.Property,
        documentation: md(k.description + (k.values?.length ? `\n\nValues: ${k.values.map(v => `\`${v.value}\``).join(', ')}` : '')),
        sortText: pad(i),
        textEdit: TextEdit.replace(range, toml ? `${k.key} = ` : `${k.key}: `),
        ...(k.values?.length ? { command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' } } : {}),
      }));
  }
  const valuePos = toml ? /^([\w$-]+)\s*=\s*("?[^\s#"]*)$/.exec(prefix) : /^([\w$-]+):\s*([^\s#]*)$/.exec(prefix);
  if (!valuePos) return [];
  const key = valuePos[1]!.toLowerCase();
  if (key === 'owner' && !toml) return ownerCompletions(model, position, valuePos[2]!, false);
  return valueCompletions(key, schema, position, valuePos[2]!.length, toml ? '"' : '');
}

function valueCompletions(key: string, schema: SchemaInfo, position: Position, typed: number, quote = ''): CompletionItem[] {
  const values = key === 'severity' && schema.severities.length ? schema.severities
    : key === 'status' && schema.statuses.length ? schema.statuses
    : schema.metadataKeys.find(k => k.key.toLowerCase() === key)?.values ?? [];
  const range = { start: { line: position.line, character: position.character - typed }, end: position };
  return values.map((v, i) => ({
    label: v.value,
    kind: CompletionItemKind.EnumMember,
    documentation: md(v.description),
    sortText: pad(i),
    filterText: `${quote}${v.value}`,
    textEdit: TextEdit.replace(range, `${quote}${v.value}${quote}`),
  }));
}

// --- owners ----------------------------------------------------------------------------------------

export function peopleOf(model: PostmortemModel): string[] {
  const names = [model.metadata.owner?.value, ...model.metadata.participants.map(p => p.value)]
    .filter((n): n is string => !!n && !!n.trim())
    .map(n => n.trim().replace(/^@/, ''));
  return [...new Set(names)];
}

function ownerCompletions(model: PostmortemModel, position: Position, typed: string, at: boolean): CompletionItem[] {
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const owner = model.metadata.owner?.value.replace(/^@/, '');
  return peopleOf(model).map((name, i) => {
    const text = at || typed.startsWith('@') ? `@${name}` : name;
    return {
      label: text,
      kind: CompletionItemKind.Reference,
      detail: name === owner ? 'Owner of the postmortem' : 'Participant',
      sortText: pad(i),
      filterText: text,
      textEdit: TextEdit.replace(range, text),
    };
  });
}

// --- action items ----------------------------------------------------------------------------------

function actionItemCompletions(model: PostmortemModel, position: Position, prefix: string, settings: PostmortemSettings, now: Date): CompletionItem[] {
  const paren = /\(([^()]*)$/.exec(prefix);
  if (paren && /(^|,)\s*[a-z]*\s*(:[^,]*)?$/i.test(paren[1]!) && (paren[1]!.includes(':') || /^\s*[a-z]*$/i.test(paren[1]!))) {
    const inner = paren[1]!;
    const field = /(?:^|,)\s*([a-z]+)\s*:\s*([^,]*)$/i.exec(inner);
    if (field) {
      const name = field[1]!.toLowerCase();
      const typed = field[2]!;
      const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
      if (name === 'owner') return ownerCompletions(model, position, typed, true);
      if (name === 'type') {
        return ACTION_ITEM_TYPES.map((t, i) => ({ label: t, kind: CompletionItemKind.EnumMember, documentation: md(ACTION_TYPE_DESCRIPTIONS[t]!), sortText: pad(i), textEdit: TextEdit.replace(range, t) }));
      }
      if (name === 'priority') {
        return ['P0', 'P1', 'P2', 'P3'].map((p, i) => ({ label: p, kind: CompletionItemKind.EnumMember, sortText: pad(i), textEdit: TextEdit.replace(range, p) }));
      }
      if (name === 'due') return dueCompletions(model, range, settings, now);
      return [];
    }
    const typed = /([a-z]*)$/i.exec(inner)![1]!;
    const present = new Set([...inner.matchAll(/([a-z]+)\s*:/gi)].map(m => m[1]!.toLowerCase()));
    const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
    return Object.keys(FIELD_DESCRIPTIONS).filter(f => !present.has(f)).map((f, i) => ({
      label: `${f}:`,
      kind: CompletionItemKind.Field,
      documentation: md(FIELD_DESCRIPTIONS[f]!),
      sortText: pad(i),
      textEdit: TextEdit.replace(range, `${f}: `),
      command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' },
    }));
  }
  const at = /(?:^|[\s(|,])@([\w.-]*)$/.exec(prefix);
  if (at) return ownerCompletions(model, position, `@${at[1]}`, true);
  const due = /\bdue:?\s*([\d-]*)$/i.exec(prefix);
  if (due) return dueCompletions(model, { start: { line: position.line, character: position.character - due[1]!.length }, end: position }, settings, now);
  return [];
}

function dueCompletions(model: PostmortemModel, range: { start: Position; end: Position }, settings: PostmortemSettings, now: Date): CompletionItem[] {
  const target = targetDueDate(model, settings.actionItemTargetDays, now);
  if (!target) return [];
  return [{
    label: target.date,
    kind: CompletionItemKind.Value,
    detail: `Target for ${target.severity}: ${target.days} days`,
    documentation: md(`Action items of a **${target.severity}** incident should be done within ${target.days} days (\`postmortem.actionItems.targetDays\`).`),
    sortText: '000',
    textEdit: TextEdit.replace(range, target.date),
    preselect: true,
  }];
}

// --- timeline timestamps -----------------------------------------------------------------------------

/** "14:03" -> "2:03 PM" (or "2:03 pm", "2:03 p.m." after the sample's spelling). */
function twelveHour(hhmm: string, sample: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const spelled = /([ap])(\.?)m(\.?)/i.exec(sample)!;
  const pm = h >= 12;
  const letter = spelled[1] === spelled[1]!.toUpperCase() ? (pm ? 'P' : 'A') : (pm ? 'p' : 'a');
  const mm = spelled[1] === spelled[1]!.toUpperCase() ? 'M' : 'm';
  return `${h % 12 || 12}:${String(m).padStart(2, '0')}${/\d\s[ap]/i.test(sample) ? ' ' : ''}${letter}${spelled[2]}${mm}${spelled[3]}`;
}

function timestampCompletions(doc: ParsedDocument, model: PostmortemModel, position: Position, prefix: string, settings: PostmortemSettings, now: Date): CompletionItem[] {
  // Match the entry written just before the cursor (or the first one).
  const before = model.timeline.filter(e => e.range.start.line < position.line);
  const ref = before[before.length - 1] ?? model.timeline[0];
  const zone = ref?.zone ?? model.metadata.timezone?.value ?? settings.defaultTimezone;
  const raw = ref?.rawTime ?? '';
  const withDate = /\d{4}-\d{2}-\d{2}/.test(raw);
  const bold = raw.startsWith('**');
  const written = raw.replace(/\*\*/g, '').replace(/:$/, '');
  const ampm = /\d\s?[ap]\.?m\.?(?![a-z])/i.test(written);
  const rest = written.replace(/\d{4}-\d{2}-\d{2}/, '').replace(/\d\s?[ap]\.?m\.?(?![a-z])/i, '');
  const zoneSuffix = /\dZ$/.test(written) ? (/^(UTC|Z)$/i.test(zone) ? 'Z' : ` ${zone}`) : /\b[A-Z]{2,5}\b|[A-Z][a-z]+\/[A-Z]|UTC[+-]/.test(rest) ? ` ${zone}` : '';
  let stamp = formatTimestamp(now.toISOString(), zone, withDate ? 'datetime' : 'time');
  if (ampm) stamp = stamp.replace(/\d{2}:\d{2}$/, t => twelveHour(t, written));
  stamp += zoneSuffix;
  const refLine = ref ? lineText(doc, ref.range.start.line) : '';
  if (bold) stamp = /:\*\*$/.test(raw) ? `**${stamp}:**` : refLine.includes(`${raw}:`) ? `**${stamp}**:` : `**${stamp}**`;
  const typedTable = prefix.trimStart().startsWith('|');
  const typedList = /^\s*[-*+]/.test(prefix);
  const style = typedTable ? 'table' : typedList ? 'list' : ref?.style ?? 'list';
  const range = { start: { line: position.line, character: 0 }, end: position };
  const indent = /^\s*/.exec(prefix)![0];
  const marker = /^\s*([-*+]|\d+[.)])\s/.exec(refLine)?.[1] ?? '-';
  const listMarker = typedList ? prefix.trim()[0]! : /^\d/.test(marker) ? '-' : marker;
  const text = style === 'table' ? `${indent}| ${stamp} | $0 |`
    : style === 'heading' ? `${/^#{1,6}/.exec(refLine)?.[0] ?? '###'} ${stamp}\n\n$0`
    : style === 'paragraph' ? `${indent}${stamp} $0`
    : `${indent}${listMarker} ${stamp} $0`;
  return [{
    label: `${stamp} (now)`,
    kind: CompletionItemKind.Event,
    detail: `Timeline entry at now, ${zone}`,
    documentation: md(`Inserts \`${text.replace('$0', '').trim()}\`: the current time in the timeline's zone (${zone}).`),
    sortText: '!000',
    filterText: prefix + stamp,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, text),
    preselect: true,
  }];
}
