/**
 * Setting an action item's fields, from the model alone: a field the item has is replaced where the model says it is
 * written; a missing one goes into the item's `(owner: …)` group (model: `fieldGroup`), into its row's cell (model:
 * `cells`, columns as the reader names them: TABLE_COLUMNS), or a new group / new column is added.
 */
import { TextEdit } from 'vscode-languageserver-types';
import type { ActionItem, PostmortemModel, Range } from '../../../../common/model';
import { ACTION_ITEM_FIELDS, type ActionItemField } from '../codes';
import { TABLE_COLUMNS } from '../model/actionItemTables';
import { proseLine } from '../rules/util';

const COLUMN_TITLES: Record<ActionItemField, string> = { owner: 'Owner', due: 'Due', type: 'Type', priority: 'Priority', ticket: 'Ticket' };
const LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s/;

/** The type an item's words suggest ("Alert on webhook failures" is detect), prevent when they say nothing. */
export function guessType(text: string): 'prevent' | 'detect' | 'mitigate' | 'process' {
  if (/\b(?:alert(?:s|ing)?|monitor(?:s|ing)?|dashboards?|detect(?:s|ion)?|page (?:on|when)|synthetic (?:check|probe)s?|observability)\b/i.test(text)) return 'detect';
  if (/\b(?:runbooks?|playbooks?|document(?:ation)?|train(?:ing)?|process|checklists?|communicat\w*|status page|on-?call rotation|game ?days?|DiRT)\b/i.test(text)) return 'process';
  if (/\b(?:fail ?over|fallback|roll ?back|tolerate|backoff|retr(?:y|ies)|circuit breakers?|degrade|graceful\w*|rate[- ]limit\w*|shed(?:ding)?)\b/i.test(text)) return 'mitigate';
  return 'prevent';
}

type Values = Partial<Record<ActionItemField, string>>;

/** Set fields of an action item: in its `(owner: …, due: …)` group, or in its table row's cells. */
export function actionItemFieldsEdits(model: PostmortemModel, item: ActionItem, values: Values): TextEdit[] {
  return actionItemsFieldsEdits(model, [{ item, values }]);
}

/** Set fields of several items at once (fix-all): a column missing from a table is added once, with each row's value. */
export function actionItemsFieldsEdits(model: PostmortemModel, changes: { item: ActionItem; values: Values }[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const tables = new Map<Range, { row: number; values: Values; added: ActionItemField[] }[]>();
  for (const { item, values } of changes) {
    const fields = ACTION_ITEM_FIELDS.filter((f) => values[f] !== undefined);
    if (!fields.length) continue;
    if (!item.cells) { edits.push(...groupEdits(model, item, fields, values)); continue; }
    const added: ActionItemField[] = [];
    for (const f of fields) {
      const cell = item.cells.find((c) => TABLE_COLUMNS[f].test(c.header));
      if (!cell) added.push(f);
      else edits.push(cell.text === '' ? emptyCellEdit(model, cell.range, values[f]!) : TextEdit.replace(cell.range, values[f]!));
    }
    const row = item.range.start.line;
    const table = model.blocks.tables.find((t) => t.start.line <= row && row <= t.end.line);
    if (!added.length || !table) continue;
    tables.set(table, [...(tables.get(table) ?? []), { row, values, added }]);
  }
  for (const [table, rows] of tables) edits.push(...newColumnsEdits(model, table, rows));
  return edits;
}

function groupEdits(model: PostmortemModel, item: ActionItem, fields: ActionItemField[], values: Values): TextEdit[] {
  const group = item.fieldGroup;
  const written = (f: ActionItemField) => group?.fields[f];
  const edits: TextEdit[] = fields.filter(written).map((f) => TextEdit.replace(written(f)!.range, values[f]!));
  const missing = fields.filter((f) => !written(f));
  if (!missing.length) return edits;
  const pairs = missing.map((f) => `${f}: ${values[f]}`).join(', ');
  if (group) {
    const close = { line: group.range.end.line, character: group.range.end.character - 1 };
    return [...edits, TextEdit.insert(close, (Object.keys(group.fields).length ? ', ' : '') + pairs)];
  }
  const at = endOfFirstParagraph(model, item);
  return [...edits, TextEdit.insert(at.position, `${at.spaceBefore ? ' ' : ''}(${pairs})${at.spaceAfter ? ' ' : ''}`)];
}

/**
 * Where a new `(…)` group goes: the end of the item's first paragraph (before a nested list or a blank line), before
 * the item's identity marker when the marker ends that line.
 */
function endOfFirstParagraph(model: PostmortemModel, item: ActionItem): { position: Range['start']; spaceBefore: boolean; spaceAfter: boolean } {
  let line = item.range.start.line;
  while (line < item.range.end.line) {
    const next = proseLine(model, line + 1);
    if (!next || LIST_MARKER.test(next.text) || (item.marker && item.marker.range.start.line === line + 1 && next.text.trim().startsWith('<!--'))) break;
    line++;
  }
  const text = proseLine(model, line)?.text ?? '';
  if (item.marker && item.marker.range.start.line === line) {
    const before = text.slice(0, item.marker.range.start.character).replace(/\s+$/, '');
    return { position: { line, character: before.length }, spaceBefore: true, spaceAfter: false };
  }
  const end = text.replace(/\s+$/, '').length;
  return { position: { line, character: end }, spaceBefore: end > 0, spaceAfter: false };
}

/** An empty cell becomes ` value `, between its pipes (the model's range of an empty cell is a point inside them). */
function emptyCellEdit(model: PostmortemModel, at: Range, value: string): TextEdit {
  const text = proseLine(model, at.start.line)?.text ?? '';
  const open = text.lastIndexOf('|', at.start.character - 1);
  const close = text.indexOf('|', at.start.character);
  if (open < 0 || close < 0 || text.slice(open + 1, close).trim() !== '') return TextEdit.insert(at.start, `${value} `);
  return TextEdit.replace({ start: { line: at.start.line, character: open + 1 }, end: { line: at.start.line, character: close } }, ` ${value} `);
}

/** The missing columns at the end of every row of the table: header, delimiter, then the rows (with their values). */
function newColumnsEdits(model: PostmortemModel, table: Range, rows: { row: number; values: Values; added: ActionItemField[] }[]): TextEdit[] {
  const added = ACTION_ITEM_FIELDS.filter((f) => rows.some((r) => r.added.includes(f)));
  const edits: TextEdit[] = [];
  for (let l = table.start.line; l <= table.end.line; l++) {
    const text = proseLine(model, l)?.text ?? '';
    const end = text.replace(/\s+$/, '').length;
    if (end === 0) continue;
    const closed = text.slice(0, end).endsWith('|');
    const values = rows.find((r) => r.row === l)?.values ?? {};
    const add = l === table.start.line ? added.map((f) => ` ${COLUMN_TITLES[f]} |`).join('')
      : l === table.start.line + 1 ? added.map(() => ' --- |').join('')
      : added.map((f) => ` ${values[f] ?? ''} |`).join('');
    edits.push(TextEdit.insert({ line: l, character: end }, (closed ? '' : ' |') + add));
  }
  return edits;
}
