import type { Rule } from '../types';
import { forEachProseLine } from './util';

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

export const placeholder: Rule = {
  code: 'placeholder',
  description: 'Placeholders (TODO, TBD, FIXME, XXX, <owner>, <insert impact>) left in the text, outside code.',
  defaultSeverity: 'warning',
  check({ model, text }) {
    const out: ReturnType<Rule['check']> = [];
    forEachProseLine(model, text, (line, lineNo) => {
      if (!/TODO|TBD|TBC|FIXME|XXX|</.test(line)) return;
      WORDS.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORDS.exec(line))) {
        if (m[2] !== undefined && !isPlaceholderTag(m[2])) continue;
        const found = m[0];
        out.push({ code: 'placeholder', data: {},
          range: { start: { line: lineNo, character: m.index }, end: { line: lineNo, character: m.index + found.length } },
          message: `Placeholder '${found}' left in the postmortem: fill it in or remove it before the review.` });
      }
    });
    return out;
  },
};
