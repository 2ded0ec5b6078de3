/**
 * Builds the snippet of a new timeline entry in the style of the timeline's last entry. Pure (no `vscode`):
 * takes the text of the entry's first line and where its timestamp is, never parses the document.
 */
import { splitRow } from '../../common/tableRow';

export type EntryStyle = 'table' | 'list' | 'heading' | 'paragraph';

export interface LastEntry {
  /** Text of the line where the last entry starts. */
  line: string;
  style: EntryStyle;
  /** Columns of the timestamp on that line (from the model's `timeRange`). */
  timeStart: number;
  timeEnd: number;
}

/** Escapes literal text for a VS Code snippet (`$`, `}` and `\`). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

const TIME_IN_RAW = /(\d{4}-\d{2}-\d{2})?([ T])?(\d{1,2}):(\d{2})(?::\d{2})?(\s?[AaPp]\.?[Mm]\.?)?/;

/**
 * The timestamp written like `raw` but at `now`: keeps a date if `raw` had one, a 12-hour clock if it had AM/PM,
 * the zone suffix and any emphasis; drops approximation marks (`~`, `ca.`).
 */
export function retime(raw: string, now: { date: string; time: string }): string {
  const cleaned = raw.replace(/^(\**_*)\s*(?:~|≈|ca\.|circa|approx\.?|about)\s*/i, '$1');
  const m = TIME_IN_RAW.exec(cleaned);
  if (!m) return now.time;
  let time = now.time;
  if (m[5]) {
    const [h, min] = now.time.split(':').map(Number);
    const suffix = m[5].replace(/[AaPp]/, (c) => {
      const letter = h >= 12 ? 'p' : 'a';
      return c === c.toUpperCase() ? letter.toUpperCase() : letter;
    });
    const h12 = h % 12 === 0 ? 12 : h % 12;
    time = `${String(h12).padStart(m[3].length, '0')}:${String(min).padStart(2, '0')}${suffix}`;
  }
  const replacement = m[1] ? `${now.date}${m[2] ?? ' '}${time}` : time;
  return cleaned.slice(0, m.index) + replacement + cleaned.slice(m.index + m[0].length);
}

/**
 * The snippet text (to insert at the end of the last entry's last line) of a new entry at `now`,
 * with the cursor (`$1`) in the entry's text.
 */
export function newEntrySnippet(last: LastEntry, now: { date: string; time: string }, placeholder = 'what happened'): string {
  const raw = last.line.slice(last.timeStart, last.timeEnd);
  const time = escapeSnippet(retime(raw, now));
  const text = `\${1:${escapeSnippet(placeholder)}}`;
  if (last.style === 'table') {
    const { cells, leading, trailing, indent } = splitRow(last.line);
    let timeIdx = cells.findIndex((c) => last.timeStart >= c.start && last.timeStart <= c.end);
    if (timeIdx < 0) timeIdx = 0;
    let textIdx = cells.findIndex((_c, i) => i > timeIdx);
    if (textIdx < 0) textIdx = cells.findIndex((_c, i) => i !== timeIdx);
    let stop = 2;
    const out = cells.map((c, i) => {
      if (i === timeIdx) {
        // Keep emphasis around the time (`**14:03**`) as the cell had it.
        const inner = c.text.trim();
        const rel = last.timeStart - c.start - (c.text.length - c.text.trimStart().length);
        return rel >= 0 && rel <= inner.length ? escapeSnippet(inner.slice(0, rel)) + time + escapeSnippet(inner.slice(rel + raw.length)) : time;
      }
      if (i === textIdx) return text;
      return `\$${stop++}`;
    });
    const row = (leading ? '| ' : '') + out.join(' | ') + (trailing ? ' |' : '');
    return `\n${escapeSnippet(indent)}${row}`;
  }
  const prefix = last.line.slice(0, last.timeStart).replace(/\[[xX]\]/, '[ ]');
  const rest = last.line.slice(last.timeEnd);
  let sep = /^[*_]*\s*(?:[—–:-]+|\|)?[*_]*\s*/.exec(rest)![0];
  if (sep === '') sep = ' ';
  else if (!/\s$/.test(sep)) sep += ' ';
  const line = escapeSnippet(prefix) + time + escapeSnippet(sep) + text;
  return last.style === 'list' ? `\n${line}` : `\n\n${line}`;
}
