/**
 * Chat text is untrusted: these helpers build Markdown from it that renders as text and links only. Converters escape
 * every piece of plain text they emit (`escapeText`) and build links and code with `link`/`codeSpan`; the merge then
 * flattens each entry to one line for its place (`inlineFor`): no raw HTML, no line that could start a heading, a
 * fence, a quote or a list, and `|` escaped in table cells.
 */

/** Characters that start Markdown constructs inside a line. `_` only at word edges (snake_case stays readable). */
const SPECIAL = /[\\`*[\]<>~|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|!(?=\[)|&(?=#?[A-Za-z0-9]+;)/g;

/** Plain text -> Markdown that shows exactly that text. */
export function escapeText(text: string): string {
  return stripControls(text).replace(SPECIAL, (c) => (c === '&' ? '&amp;' : `\\${c}`));
}

/** Drops control characters (except newline and tab) and bidirectional overrides that could disguise text. */
export function stripControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '');
}

const SAFE_SCHEME = /^(?:https?:\/\/|mailto:)/i;

/** A link when the target is http(s) or mailto, else the label as text. */
export function link(label: string, url: string): string {
  const target = stripControls(url).trim();
  const text = escapeText(label.trim() || target);
  if (!SAFE_SCHEME.test(target) || /\s/.test(target)) return text;
  // Parentheses and angle brackets would end or confuse the destination: percent-encode them.
  const dest = target.replace(/[()<>\\|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${text}](${dest})`;
}

/** A code span holding `code` verbatim (one line). */
export function codeSpan(code: string): string {
  const flat = stripControls(code).replace(/\s*\n\s*/g, ' ').trim();
  if (!flat) return '';
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export type InlinePlace = 'table' | 'line';

/**
 * An entry's Markdown as one line for its place: newlines become ` / `, leftover `<` (raw HTML, comments) and, in a
 * table, every `|` (also inside code spans, as GFM requires) are escaped. Idempotent on its own output.
 */
export function inlineFor(markdown: string, place: InlinePlace): string {
  let out = '';
  const text = stripControls(markdown).replace(/\s*\r?\n\s*/g, ' / ').replace(/\t/g, ' ');
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      out += c + text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      // A code span: copied, with `|` escaped in tables (GFM splits cells before reading code).
      const run = /^`+/.exec(text.slice(i))![0];
      const close = text.indexOf(run, i + run.length);
      if (close > 0 && text[close + run.length] !== '`') {
        const body = text.slice(i, close + run.length);
        out += place === 'table' ? body.replace(/(?<!\\)\|/g, '\\|') : body;
        i = close + run.length;
        continue;
      }
      out += '\\`'.repeat(run.length);
      i += run.length;
      continue;
    }
    if (c === '<') out += '&lt;';
    else if (c === '|' && place === 'table') out += '\\|';
    else out += c;
    i++;
  }
  return out.trim();
}
