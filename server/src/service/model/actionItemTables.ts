/**
 * Action items written as table rows: which column holds the item and which hold its fields, by their headers
 * (`TABLE_COLUMNS`, also read by the fixes that write into a table), and a state written after a ticket in its cell.
 * Separate because a row's fields come from its cells, not from the item's text.
 */
import type { Table, TableCell } from 'mdast';
import type { ActionItem, TableCellRef } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { findDateInText } from './proseDates';
import { endOf, plainText, sourceOf, startOf } from './timeline/text';
import { rangeFromOffsets } from './ranges';
import { type Ctx, EMPTY, itemFromText } from './actionItemFields';

/** A state written after a ticket in its cell (`Bug 5554823 TODO`, `n/a DONE`). */
export const STATE_SUFFIX = /(?:^|[ \t]+)(TODO|DONE|FIXED|CLOSED|OPEN|IN PROGRESS|WONTFIX|COMPLETED?)[ \t]*$/;

/** Which column holds which field, by its header (plain, lower-cased): the one definition, read by the fixes too. */
export const TABLE_COLUMNS = {
  owner: /owner|assign|who|responsible|\bdri\b/,
  due: /due|deadline|target|eta|by when|^when$/,
  type: /^(?:type|category|kind)\b/,
  priority: /priority|prio\b|^sev/,
  ticket: /ticket|issue|jira|\bbug\b|tracking|^link|^pr\b/,
  status: /status|done|state|complete/,
} as const;

export function fromTable(doc: ParsedDocument, table: Table, ctx: Ctx, out: ActionItem[]): void {
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
