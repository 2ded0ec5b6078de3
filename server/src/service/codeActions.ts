/**
 * Quick fixes for the postmortem diagnostics (dispatching on the diagnostic's `code`, reading its
 * `data`, never its message) and two source actions: sort the timeline, and fix everything that
 * needs no choice (sort, normalise timestamps, insert missing sections) in one edit.
 */
import { CodeActionKind, TextEdit } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import { CodeActionKinds } from '../../../common/protocol';
import type { ActionItem, PostmortemModel, Range, SectionKind } from '../../../common/model';
import type { PostmortemSettings } from '../../../common/settings';
import type { ParsedDocument } from './types';
import {
  eolOf, insertSectionEdit, insertSectionsEdits, lastContentLine, lineCount, sortTimelineEditsWith, targetDueDate,
} from './edits';
import { lineText, offsetAt, positionAt } from './model/ranges';
import { SECTION_TITLES } from './model/sections';

export interface DiagnosticLike {
  code?: string | number;
  data?: unknown;
  range: Range;
  message: string;
}

/** How many `invalid-value` alternatives to offer. */
const MAX_VALUE_CHOICES = 6;

const dataOf = (d: DiagnosticLike): Record<string, unknown> => (d.data && typeof d.data === 'object' ? d.data as Record<string, unknown> : {});

/** Whether `only` (the kinds the client asked for) lets a kind through: `source` lets `source.fixAll.postmortem` through. */
/** The type an item's words suggest ("Alert on webhook failures" is detect), prevent when they say nothing. */
export function guessType(text: string): 'prevent' | 'detect' | 'mitigate' | 'process' {
  if (/\b(?:alert(?:s|ing)?|monitor(?:s|ing)?|dashboards?|detect(?:s|ion)?|page (?:on|when)|synthetic (?:check|probe)s?|observability)\b/i.test(text)) return 'detect';
  if (/\b(?:runbooks?|playbooks?|document(?:ation)?|train(?:ing)?|process|checklists?|communicat\w*|status page|on-?call rotation|game ?days?|DiRT)\b/i.test(text)) return 'process';
  if (/\b(?:fail ?over|fallback|roll ?back|tolerate|backoff|retr(?:y|ies)|circuit breakers?|degrade|graceful\w*|rate[- ]limit\w*|shed(?:ding)?)\b/i.test(text)) return 'mitigate';
  return 'prevent';
}

export function kindRequested(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some(o => kind === o || kind.startsWith(`${o}.`));
}

export function getCodeActions(doc: ParsedDocument, model: PostmortemModel, range: Range, diagnostics: DiagnosticLike[],
  only: string[] | undefined, settings: PostmortemSettings): CodeAction[] {
  void range;
  const actions: CodeAction[] = [];
  const edit = (edits: TextEdit[]): WorkspaceEdit => ({ changes: { [doc.uri]: edits } });
  const quickFix = (title: string, edits: TextEdit[], diags: DiagnosticLike[], isPreferred = false): void => {
    if (edits.length === 0) return;
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: diags as Diagnostic[], edit: edit(edits), ...(isPreferred ? { isPreferred } : {}) });
  };

  if (kindRequested(only, CodeActionKind.QuickFix)) {
    for (const d of diagnostics) {
      const data = dataOf(d);
      switch (d.code) {
        case 'missing-section': {
          const kind = data.kind as SectionKind | undefined;
          if (!kind || !(kind in SECTION_TITLES) || model.sections.some(s => s.kind === kind)) break;
          quickFix(`Insert section '${SECTION_TITLES[kind]}'`, [insertSectionEdit(doc, model, kind)], [d], true);
          break;
        }
        case 'missing-metadata': {
          const key = typeof data.key === 'string' ? data.key : undefined;
          if (!key) break;
          // A key with allowed values: one fix per value (none preferred: the author chooses); `key: TODO` only for free text.
          const allowed = Array.isArray(data.allowed) ? data.allowed.filter((v): v is string => typeof v === 'string') : [];
          if (allowed.length) for (const value of allowed) quickFix(`Add ${key}: ${value}`, [metadataKeyEdit(doc, model, key, value)], [d]);
          else quickFix(`Add '${key}' to the frontmatter`, [metadataKeyEdit(doc, model, key)], [d], true);
          break;
        }
        case 'invalid-value': {
          const allowed = Array.isArray(data.allowed) ? data.allowed.filter((v): v is string => typeof v === 'string') : [];
          allowed.slice(0, MAX_VALUE_CHOICES).forEach((value, i) => quickFix(`Change to '${value}'`, [TextEdit.replace(d.range, value)], [d], i === 0 && allowed.length === 1));
          break;
        }
        case 'timeline-order':
          quickFix('Sort the timeline by time', sortTimelineEditsWith(doc, model), [d], true);
          break;
        case 'timestamp-nonstandard': {
          const normalized = typeof data.normalized === 'string' ? data.normalized : undefined;
          if (normalized) quickFix(`Write the time as '${normalized}'`, [TextEdit.replace(d.range, normalized)], [d], true);
          break;
        }
        case 'action-item-fields': {
          const item = model.actionItems.find(a => a.id === data.id);
          const missing = (Array.isArray(data.missing) ? data.missing : []).filter((f): f is ActionItemField => f === 'owner' || f === 'due' || f === 'type');
          if (!item || missing.length === 0) break;
          const values: Partial<Record<ActionItemField, string>> = {};
          const target = targetDueDate(model, settings.actionItemTargetDays);
          for (const f of missing) values[f] = f === 'owner' ? '@TODO' : f === 'due' ? target?.date ?? 'YYYY-MM-DD' : guessType(item.text);
          quickFix(`Add ${missing.join(', ')} to the action item`, actionItemFieldsEdits(doc, item, values), [d], true);
          break;
        }
        case 'action-item-due-too-late': {
          const item = model.actionItems.find(a => a.id === data.id);
          const targetDate = typeof data.targetDate === 'string' ? data.targetDate : undefined;
          if (!targetDate) break;
          const edits = item?.due ? [TextEdit.replace(item.due.range, targetDate)] : item ? actionItemFieldsEdits(doc, item, { due: targetDate }) : [];
          quickFix(`Set the due date to ${targetDate}`, edits, [d], true);
          break;
        }
        default:
          break;
      }
    }
  }

  if (kindRequested(only, CodeActionKinds.sortTimeline)) {
    const edits = sortTimelineEditsWith(doc, model);
    if (edits.length) {
      actions.push({ title: 'Sort the timeline by time', kind: CodeActionKinds.sortTimeline, edit: edit(edits),
        diagnostics: diagnostics.filter(d => d.code === 'timeline-order') as Diagnostic[] });
    }
  }

  if (kindRequested(only, CodeActionKinds.fixAll)) {
    const fixed = diagnostics.filter(d => d.code === 'timeline-order' || d.code === 'timestamp-nonstandard' || d.code === 'missing-section');
    const edits = fixAllEdits(doc, model, diagnostics);
    if (edits.length) {
      actions.push({ title: 'Fix all postmortem problems that need no choice', kind: CodeActionKinds.fixAll, edit: edit(edits), diagnostics: fixed as Diagnostic[] });
    }
  }
  return actions;
}

/**
 * The safe fixes combined into non-overlapping edits: timestamps normalised (inside the sorted block when the
 * timeline is sorted too), the timeline sorted, missing sections inserted.
 */
export function fixAllEdits(doc: ParsedDocument, model: PostmortemModel, diagnostics: DiagnosticLike[]): TextEdit[] {
  const stamps = diagnostics
    .filter(d => d.code === 'timestamp-nonstandard' && typeof dataOf(d).normalized === 'string')
    .map(d => ({ start: offsetAt(doc, d.range.start), end: offsetAt(doc, d.range.end), text: dataOf(d).normalized as string, used: false }));
  const edits: TextEdit[] = [];
  if (diagnostics.some(d => d.code === 'timeline-order')) {
    edits.push(...sortTimelineEditsWith(doc, model, (entry, text) => {
      const base = offsetAt(doc, entry.range.start);
      const inside = stamps.filter(s => !s.used && s.start >= base && s.end <= base + text.length).sort((a, b) => b.start - a.start);
      for (const s of inside) {
        text = text.slice(0, s.start - base) + s.text + text.slice(s.end - base);
        s.used = true;
      }
      return text;
    }));
  }
  for (const s of stamps) if (!s.used) edits.push(TextEdit.replace({ start: positionAt(doc, s.start), end: positionAt(doc, s.end) }, s.text));
  const kinds = diagnostics.filter(d => d.code === 'missing-section').map(d => dataOf(d).kind)
    .filter((k): k is SectionKind => typeof k === 'string' && k in SECTION_TITLES);
  edits.push(...insertSectionsEdits(doc, model, kinds));
  return dropOverlaps(doc, edits);
}

/** Keep the first of any edits that overlap, so the combined edit is always applicable. */
function dropOverlaps(doc: ParsedDocument, edits: TextEdit[]): TextEdit[] {
  const kept: { s: number; e: number; edit: TextEdit }[] = [];
  for (const edit of edits) {
    const s = offsetAt(doc, edit.range.start);
    const e = offsetAt(doc, edit.range.end);
    if (kept.some(k => s < k.e && k.s < e || (s === e && s > k.s && s < k.e) || (k.s === k.e && k.s > s && k.s < e))) continue;
    kept.push({ s, e, edit });
  }
  return kept.sort((a, b) => a.s - b.s || a.e - b.e).map(k => k.edit);
}

/**
 * Add `key: value` (`TODO` by default) to the frontmatter, creating a YAML frontmatter block at the top when there is
 * none; a key already written without a value (`severity:`) gets the value on its own line instead of a duplicate key.
 */
export function metadataKeyEdit(doc: ParsedDocument, model: PostmortemModel, key: string, value = 'TODO'): TextEdit {
  const eol = eolOf(doc);
  const fm = model.metadata.frontmatter;
  const toml = fm?.kind === 'toml';
  const line = toml ? `${key} = "${value}"` : `${key}: ${value}`;
  const blank = fm ? Object.entries(fm.keys).find(([k]) => (k === key || k.toLowerCase() === key.toLowerCase()) && (fm.data[k] === null || fm.data[k] === undefined || fm.data[k] === '')) : undefined;
  if (blank) {
    const { keyRange } = blank[1];
    const end = lineText(doc, keyRange.end.line).replace(/\s+$/, '').length;
    return TextEdit.replace({ start: keyRange.end, end: { line: keyRange.end.line, character: Math.max(end, keyRange.end.character) } }, toml ? ` = "${value}"` : `: ${value}`);
  }
  if (fm) {
    // Before the closing fence: the last line of the frontmatter range that is a fence.
    const fence = toml ? '+++' : '---';
    let close = fm.range.end.line;
    while (close > fm.range.start.line && lineText(doc, close).trim() !== fence) close--;
    if (close > fm.range.start.line) return TextEdit.insert({ line: close, character: 0 }, line + eol);
  }
  return TextEdit.insert({ line: 0, character: 0 }, `---${eol}${line}${eol}---${eol}`);
}

// --- action-item fields ----------------------------------------------------------------------------

export type ActionItemField = 'owner' | 'due' | 'type' | 'priority' | 'ticket';
export const ACTION_ITEM_FIELDS: readonly ActionItemField[] = ['owner', 'due', 'type', 'priority', 'ticket'];

const COLUMN_NAMES: Record<ActionItemField, RegExp> = {
  owner: /^(owner|owners|assignee|assigned to|who|responsible|dri)$/i,
  due: /^(due|due date|deadline|target|target date|eta|by)$/i,
  type: /^(type|category|kind)$/i,
  priority: /^(priority|prio|severity)$/i,
  ticket: /^(ticket|issue|link|tracking|jira|bug)$/i,
};
const COLUMN_TITLES: Record<ActionItemField, string> = { owner: 'Owner', due: 'Due', type: 'Type', priority: 'Priority', ticket: 'Ticket' };

/** Set fields of an action item: merged into its `(owner: …, due: …)` suffix, or into its table row's cells. */
export function actionItemFieldsEdits(doc: ParsedDocument, item: ActionItem, values: Partial<Record<ActionItemField, string>>): TextEdit[] {
  const fields = ACTION_ITEM_FIELDS.filter(f => values[f] !== undefined);
  if (fields.length === 0) return [];
  return item.style === 'table' ? tableFieldsEdits(doc, item, fields, values) : listFieldsEdits(doc, item, fields, values);
}

/** The item's `(owner: …, due: …)` group, wherever it is on the line (a ticket or note may follow it): the last one. */
function fieldGroup(text: string): RegExpExecArray | null {
  let found: RegExpExecArray | null = null;
  for (const m of text.matchAll(/\((\s*(?:owner|due|type|priority|ticket)\s*:[^()]*)\)/gi)) found = m as RegExpExecArray;
  return found;
}

function listFieldsEdits(doc: ParsedDocument, item: ActionItem, fields: ActionItemField[], values: Partial<Record<ActionItemField, string>>): TextEdit[] {
  // The item's first paragraph: from its first line until a blank line or a nested list marker.
  let line = item.range.start.line;
  const last = Math.max(line, lastContentLine(doc, item.range));
  while (line < last) {
    const next = lineText(doc, line + 1);
    if (next.trim() === '' || /^\s*([-*+]|\d+[.)])\s/.test(next)) break;
    line++;
  }
  const text = lineText(doc, line);
  const trimmedEnd = text.replace(/\s+$/, '').length;
  const m = fieldGroup(text.slice(0, trimmedEnd));
  if (m) {
    const present = new Set([...m[1]!.matchAll(/([a-z]+)\s*:/gi)].map(x => x[1]!.toLowerCase()));
    const missing = fields.filter(f => !present.has(f));
    const edits: TextEdit[] = [];
    // Replace the values of fields that are present but asked for (e.g. a due date moved earlier).
    const inner = m[1]!;
    const innerStart = m.index + 1;
    for (const f of fields.filter(f => present.has(f))) {
      const fm = new RegExp(`(^|,)\\s*${f}\\s*:\\s*([^,]*?)\\s*(?=,|$)`, 'i').exec(inner);
      if (!fm) continue;
      const valueStart = innerStart + fm.index + fm[0].length - fm[2]!.length;
      edits.push(TextEdit.replace({ start: { line, character: valueStart }, end: { line, character: valueStart + fm[2]!.length } }, values[f]!));
    }
    if (missing.length) {
      const close = m.index + m[0].length - 1; // the group's `)`
      const sep = inner.trim() ? ', ' : '';
      edits.push(TextEdit.insert({ line, character: close }, sep + missing.map(f => `${f}: ${values[f]}`).join(', ')));
    }
    return edits;
  }
  const suffix = `${trimmedEnd > 0 && !/\s$/.test(text.slice(0, trimmedEnd)) ? ' ' : ''}(${fields.map(f => `${f}: ${values[f]}`).join(', ')})`;
  return [TextEdit.insert({ line, character: trimmedEnd }, suffix)];
}

/** Cells of a table row: the content offsets (within the line) of each cell. */
function cellsOf(line: string): { start: number; end: number; rawStart: number; rawEnd: number; text: string }[] {
  const cells: { start: number; end: number; rawStart: number; rawEnd: number; text: string }[] = [];
  let i = line.indexOf('|');
  if (i < 0) return cells;
  let start = i + 1;
  for (i = start; i <= line.length; i++) {
    if (i < line.length && line[i] === '\\') { i++; continue; }
    if (i === line.length || line[i] === '|') {
      if (i === line.length && line.slice(start).trim() === '') break;
      const raw = line.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      const content = raw.trim();
      cells.push({ start: start + lead, end: start + lead + content.length, rawStart: start, rawEnd: i, text: content });
      start = i + 1;
    }
  }
  return cells;
}

function tableFieldsEdits(doc: ParsedDocument, item: ActionItem, fields: ActionItemField[], values: Partial<Record<ActionItemField, string>>): TextEdit[] {
  const row = item.range.start.line;
  const isRow = (l: number) => /^\s*\|/.test(lineText(doc, l));
  let top = row;
  while (top > 0 && isRow(top - 1)) top--;
  let bottom = row;
  while (bottom + 1 < lineCount(doc) && isRow(bottom + 1)) bottom++;
  const header = cellsOf(lineText(doc, top)).map(c => c.text.replace(/[*_`]/g, '').trim());
  const rowText = lineText(doc, row);
  const cells = cellsOf(rowText);
  const edits: TextEdit[] = [];
  const added: ActionItemField[] = [];
  for (const f of fields) {
    const col = header.findIndex(h => COLUMN_NAMES[f].test(h));
    if (col < 0) { added.push(f); continue; }
    const cell = cells[col];
    if (!cell) continue;
    if (cell.text === '') edits.push(TextEdit.replace({ start: { line: row, character: cell.rawStart }, end: { line: row, character: cell.rawEnd } }, ` ${values[f]} `));
    else edits.push(TextEdit.replace({ start: { line: row, character: cell.start }, end: { line: row, character: cell.end } }, values[f]!));
  }
  if (added.length) {
    // Add the missing columns at the end of every row of the table.
    for (let l = top; l <= bottom; l++) {
      const text = lineText(doc, l);
      const end = text.replace(/\s+$/, '').length;
      const closed = text.slice(0, end).endsWith('|');
      const add = l === top ? added.map(f => ` ${COLUMN_TITLES[f]} |`).join('')
        : l === top + 1 ? added.map(() => ' --- |').join('')
        : l === row ? added.map(f => ` ${values[f]} |`).join('')
        : added.map(() => '  |').join('');
      edits.push(TextEdit.insert({ line: l, character: end }, (closed ? '' : ' |') + add));
    }
  }
  return edits;
}
