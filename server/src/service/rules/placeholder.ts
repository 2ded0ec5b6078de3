import type { TableCellRef } from '../../../../common/model';
import type { Rule } from '../types';

/** Element names that are HTML, not placeholders, when written as `<name ...>`. */
const HTML_TAGS = new Set(('a abbr b br blockquote code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ' +
  'ol p pre q s samp small span strong sub summary sup table tbody td th thead tr u ul var video audio picture source figure figcaption center font').split(' '));

const WORDS = /\b(TODO|TBD|TBC|FIXME|XXX)\b|<([A-Za-z][^<>\n]{0,80})>/g;

function isPlaceholderTag(inner: string): boolean {
  if (/[:@]/.test(inner) && !/\s/.test(inner)) return false; // autolink <https://...>, <a@b.c>
  if (/[=:]/.test(inner)) return false; // <a href="...">, <https://x y>
  const name = /^([A-Za-z][A-Za-z0-9-]*)/.exec(inner)![1]!.toLowerCase();
  return !(HTML_TAGS.has(name) && /^[A-Za-z][A-Za-z0-9-]*\s*\/?$/.test(inner));
}

/**
 * `| Bug 5554823 TODO |`: in an action-item table, a TODO written after the cell's value is the item's state
 * (the SRE book's format), not a blank left to fill; a cell holding only `TODO` still is one.
 */
function isStateAfterValue(cells: Map<number, TableCellRef[]>, line: number, at: number): boolean {
  const cell = cells.get(line)?.find((c) => c.range.start.line === line && c.range.start.character <= at && c.range.end.character >= at + 4);
  return !!cell && cell.range.end.character === at + 4 && /\S\s+$/.test(cell.text.slice(0, at - cell.range.start.character));
}

export const placeholder: Rule = {
  code: 'placeholder',
  description: 'Placeholders (TODO, TBD, FIXME, XXX, <owner>, <insert impact>) left in the text, outside code.',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: ReturnType<Rule['check']> = [];
    const tableRows = new Map(model.actionItems.filter((a) => a.cells).map((a) => [a.range.start.line, a.cells!]));
    for (const { text: line, line: lineNo } of model.blocks.prose) {
      if (!/TODO|TBD|TBC|FIXME|XXX|</.test(line)) continue;
      WORDS.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORDS.exec(line))) {
        if (m[2] !== undefined && !isPlaceholderTag(m[2])) continue;
        if (m[1] === 'TODO' && isStateAfterValue(tableRows, lineNo, m.index)) continue;
        const found = m[0];
        out.push({ code: 'placeholder', data: {},
          range: { start: { line: lineNo, character: m.index }, end: { line: lineNo, character: m.index + found.length } },
          message: `Placeholder '${found}' left in the postmortem: fill it in or remove it before the review.` });
      }
    }
    return out;
  },
};
