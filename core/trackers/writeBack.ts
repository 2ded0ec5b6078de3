/**
 * Where the ticket engine touches the document: the item's identity marker, the ticket link and the tick of a
 * closed ticket, each as a plain `{ range, newText }` computed from the model's ranges against one snapshot of the
 * text. The VS Code command wraps them in one WorkspaceEdit; the CLI applies them to the file re-read just before
 * writing. Nothing here changes anything outside the item it is about.
 */
import { lineIndex, offsetAt, positionAt, type LineIndex } from '../../common/lineStarts';
import type { ActionItem, Range } from '../../common/model';
import { markerComment } from './types';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** The document as it is at one moment: its text and the model read from exactly that text. */
export interface DocumentSnapshot {
  text: string;
  model: { actionItems: ActionItem[] };
}


/** `pm-` and 8 random base-36 characters: short, unguessable enough that two items never share one. */
export function newMarkerId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 8; i++) id += Math.floor(random() * 36).toString(36);
  return `pm-${id}`;
}

/** Applies non-overlapping edits to `text` (the CLI's write; tests use it to check what VS Code would do). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = lineIndex(text);
  const spans = edits
    .map((e) => ({ start: offsetAt(lines, e.range.start), end: offsetAt(lines, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** The item's identity marker id, as the model reads it. */
export function markerOf(item: ActionItem): string | undefined {
  return item.marker?.id;
}

/** The item carrying `marker` in this snapshot. */
export function itemByMarker(snapshot: DocumentSnapshot, marker: string): ActionItem | undefined {
  return snapshot.model.actionItems.find((i) => i.marker?.id === marker);
}

const NESTED_BLOCK = /^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|```|~~~|\||#)/;

/**
 * Offset where the item's own text ends: a task or list item's first paragraph (before any nested list), a
 * paragraph's last line, or the end of the action text in a table row (the cell that holds the item's text).
 */
function ownTextEnd(item: ActionItem, lines: LineIndex): number {
  const { text, lineStarts: starts } = lines;
  const first = item.range.start.line;
  const last = Math.min(item.range.end.line, starts.length - 1);
  const lineText = (n: number) => text.slice(starts[n]!, n + 1 < starts.length ? starts[n + 1]! - 1 : text.length).replace(/\r$/, '');
  if (item.style === 'table') return tableTextCellEnd(item, lines);
  if (item.style === 'heading') return starts[first]! + lineText(first).replace(/[ \t]+#+[ \t]*$/, '').trimEnd().length;
  let end = first;
  for (let n = first + 1; n <= last; n++) {
    const l = lineText(n);
    if (!l.trim() || NESTED_BLOCK.test(l)) break;
    end = n;
  }
  return starts[end]! + lineText(end).trimEnd().length;
}

/** End of the cell holding the item's text (the one whose text starts like `item.text`), else the first non-empty. */
function tableTextCellEnd(item: ActionItem, lines: LineIndex): number {
  const cells = item.cells ?? [];
  const plain = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '').replace(/\s+/g, ' ').trim();
  const words = plain(item.text).split(' ').slice(0, 3).join(' ');
  const cell = cells.find((c) => words && plain(c.text).startsWith(words)) ?? cells.find((c) => c.text.trim());
  return offsetAt(lines, (cell ?? item).range.end);
}

/** Edits that write a marker at the end of each item's own text: `… <!-- postmortem-item: pm-… -->`. */
export function identityEdits(snapshot: DocumentSnapshot, assign: ReadonlyMap<ActionItem, string>): TextEdit[] {
  const lines = lineIndex(snapshot.text);
  const edits: TextEdit[] = [];
  for (const [item, marker] of assign) {
    const at = positionAt(lines, ownTextEnd(item, lines));
    edits.push({ range: { start: at, end: at }, newText: ` ${markerComment(marker)}` });
  }
  return edits;
}

/** A table column the action-item reader takes as the ticket (see server/src/service/model/actionItemTables.ts). */
const TICKET_COLUMN = /ticket|issue|jira|\bbug\b|tracking|^link|^pr\b/;

/** How the document names a ticket: a Markdown link the action-item reader takes as the item's ticket. */
export function ticketLink(key: string, url: string): string {
  const escaped = url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${key.replace(/[[\]]/g, '')}](${escaped})`;
}

/**
 * The edit that writes the ticket link into the item carrying `marker`: inside its `(owner: …, due: …)` group
 * when the item ends with one, else as `(ticket: …)` just before the marker. Undefined when the item is gone
 * or already names a ticket.
 */
export function linkEdit(snapshot: DocumentSnapshot, marker: string, link: string): TextEdit | undefined {
  const item = itemByMarker(snapshot, marker);
  if (!item?.marker || (item.ticket && item.ticket.value.trim())) return undefined;
  const ticketCell = item.cells?.find((c) => TICKET_COLUMN.test(c.header) && !c.text.trim());
  if (ticketCell) {
    const lines = lineIndex(snapshot.text);
    const at = offsetAt(lines, ticketCell.range.start);
    const pad = (c: string | undefined) => (c === '|' ? ' ' : '');
    return { range: ticketCell.range, newText: `${pad(snapshot.text[at - 1])}${link}${pad(snapshot.text[offsetAt(lines, ticketCell.range.end)])}` };
  }
  if (item.fieldGroup && item.fieldGroup.range.end.line === item.marker.range.start.line) {
    const close = item.fieldGroup.range.end;
    const p = { line: close.line, character: close.character - 1 };
    return { range: { start: p, end: p }, newText: `, ticket: ${link}` };
  }
  const lines = lineIndex(snapshot.text);
  const at = offsetAt(lines, item.marker.range.start);
  const gap = /[ \t]*$/.exec(snapshot.text.slice(Math.max(0, at - 40), at))![0].length;
  const p = positionAt(lines, at - gap);
  return { range: { start: p, end: p }, newText: ` (ticket: ${link})` };
}

/** The edit that ticks a task-list item (`- [ ]` -> `- [x]`); undefined for items that are not open tasks. */
export function tickEdit(snapshot: DocumentSnapshot, item: ActionItem): TextEdit | undefined {
  if (item.done || item.style !== 'task') return undefined;
  const lines = lineIndex(snapshot.text);
  const lineStart = lines.lineStarts[item.range.start.line] ?? 0;
  const line = snapshot.text.slice(lineStart, snapshot.text.indexOf('\n', lineStart) >>> 0);
  const box = /^([ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]+\[) \]/.exec(line);
  if (!box) return undefined;
  const p = positionAt(lines, lineStart + box[1]!.length);
  return { range: { start: p, end: { line: p.line, character: p.character + 1 } }, newText: 'x' };
}
