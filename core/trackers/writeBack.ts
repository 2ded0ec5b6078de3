/**
 * Where the ticket engine touches the document: the item's identity marker, the ticket link and the tick of a
 * closed ticket, each as a plain `{ range, newText }` computed from the model's ranges against one snapshot of the
 * text. The VS Code command wraps them in one WorkspaceEdit; the CLI applies them to the file re-read just before
 * writing. Nothing here changes anything outside the item it is about.
 */
import type { ActionItem, Position, Range } from '../../common/model';
import { MARKER_PATTERN, markerComment } from './types';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** The document as it is at one moment: its text and the model read from exactly that text. */
export interface DocumentSnapshot {
  text: string;
  model: { actionItems: ActionItem[] };
}

/** The identity the model reads from an item's marker comment (common/model.ts `ActionItem.marker`). */
type Marked = ActionItem & { marker?: { id: string; range: Range } };

/** `pm-` and 8 random base-36 characters: short, unguessable enough that two items never share one. */
export function newMarkerId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 8; i++) id += Math.floor(random() * 36).toString(36);
  return `pm-${id}`;
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function offsetAt(starts: readonly number[], text: string, p: Position): number {
  if (p.line >= starts.length) return text.length;
  return Math.min(starts[p.line]! + p.character, p.line + 1 < starts.length ? starts[p.line + 1]! : text.length);
}

export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo]! };
}

/** Applies non-overlapping edits to `text` (the CLI's write; tests use it to check what VS Code would do). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({ start: offsetAt(starts, text, e.range.start), end: offsetAt(starts, text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** The item's marker id: the model's when it reads one, else the first marker comment inside the item's range. */
export function markerOf(item: ActionItem, snapshot: DocumentSnapshot, starts = lineStarts(snapshot.text)): string | undefined {
  const read = (item as Marked).marker;
  if (read) return read.id;
  const slice = snapshot.text.slice(offsetAt(starts, snapshot.text, item.range.start), offsetAt(starts, snapshot.text, item.range.end));
  return new RegExp(MARKER_PATTERN.source).exec(slice)?.[1];
}

/** The item carrying `marker` in this snapshot. */
export function itemByMarker(snapshot: DocumentSnapshot, marker: string): ActionItem | undefined {
  const starts = lineStarts(snapshot.text);
  return snapshot.model.actionItems.find((i) => markerOf(i, snapshot, starts) === marker);
}

const NESTED_BLOCK = /^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|```|~~~|\||#)/;

/**
 * Offset where the item's own text ends: a task or list item's first paragraph (before any nested list), a
 * paragraph's last line, or the end of the action text in a table row (the cell that holds the item's text).
 */
function ownTextEnd(item: ActionItem, text: string, starts: readonly number[]): number {
  const first = item.range.start.line;
  const last = Math.min(item.range.end.line, starts.length - 1);
  const lineText = (n: number) => text.slice(starts[n]!, n + 1 < starts.length ? starts[n + 1]! - 1 : text.length).replace(/\r$/, '');
  if (item.style === 'table') return tableTextCellEnd(item, lineText(first), starts[first]!);
  let end = first;
  for (let n = first + 1; n <= last; n++) {
    const l = lineText(n);
    if (!l.trim() || NESTED_BLOCK.test(l)) break;
    end = n;
  }
  return starts[end]! + lineText(end).trimEnd().length;
}

/** End of the cell holding the item's text (the one whose plain text starts like `item.text`), else the first. */
function tableTextCellEnd(item: ActionItem, row: string, rowStart: number): number {
  const cells: { start: number; end: number }[] = [];
  let cellStart = row.indexOf('|') === row.search(/\S/) ? row.indexOf('|') + 1 : 0;
  for (let i = cellStart; i <= row.length; i++) {
    if (i === row.length || (row[i] === '|' && row[i - 1] !== '\\')) {
      cells.push({ start: cellStart, end: i });
      cellStart = i + 1;
    }
  }
  const words = item.text.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '').split(' ').slice(0, 3).join(' ');
  const plain = (c: { start: number; end: number }) => row.slice(c.start, c.end).toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '').replace(/\s+/g, ' ').trim();
  const cell = cells.find((c) => words && plain(c).startsWith(words)) ?? cells.find((c) => plain(c)) ?? cells[0]!;
  return rowStart + cell.start + row.slice(cell.start, cell.end).trimEnd().length;
}

/** Edits that write a marker at the end of each item's own text: `… <!-- postmortem-item: pm-… -->`. */
export function identityEdits(snapshot: DocumentSnapshot, assign: ReadonlyMap<ActionItem, string>): TextEdit[] {
  const starts = lineStarts(snapshot.text);
  const edits: TextEdit[] = [];
  for (const [item, marker] of assign) {
    const at = positionAt(starts, ownTextEnd(item, snapshot.text, starts));
    edits.push({ range: { start: at, end: at }, newText: ` ${markerComment(marker)}` });
  }
  return edits;
}

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
  if (!item || (item.ticket && item.ticket.value.trim())) return undefined;
  const starts = lineStarts(snapshot.text);
  const from = offsetAt(starts, snapshot.text, item.range.start);
  const to = offsetAt(starts, snapshot.text, item.range.end);
  const comment = new RegExp(`[ \\t]*<!--\\s*postmortem-item:\\s*${marker}\\s*-->`).exec(snapshot.text.slice(from, to));
  if (!comment) return undefined;
  const at = from + comment.index;
  const before = snapshot.text.slice(from, at);
  const group = /\((?:[^()]|\([^()]*\))*\b(?:owner|due|type|priority)\s*:(?:[^()]|\([^()]*\))*\)\s*$/i.exec(before);
  if (group) {
    const close = from + group.index + group[0].trimEnd().length - 1;
    const p = positionAt(starts, close);
    return { range: { start: p, end: p }, newText: `, ticket: ${link}` };
  }
  const p = positionAt(starts, at);
  return { range: { start: p, end: p }, newText: ` (ticket: ${link})` };
}

/** The edit that ticks a task-list item (`- [ ]` -> `- [x]`); undefined for items that are not open tasks. */
export function tickEdit(snapshot: DocumentSnapshot, item: ActionItem): TextEdit | undefined {
  if (item.done || item.style !== 'task') return undefined;
  const starts = lineStarts(snapshot.text);
  const lineStart = starts[item.range.start.line] ?? 0;
  const line = snapshot.text.slice(lineStart, snapshot.text.indexOf('\n', lineStart) >>> 0);
  const box = /^([ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]+\[) \]/.exec(line);
  if (!box) return undefined;
  const p = positionAt(starts, lineStart + box[1]!.length);
  return { range: { start: p, end: { line: p.line, character: p.character + 1 } }, newText: 'x' };
}
