/**
 * Chunk planning for the incremental parser (parse.ts): where the text can be cut into pieces that remark parses
 * on their own and that together give the tree of a full parse.
 *
 * Splitting rules:
 * - frontmatter (`---`/`+++` at the start, closed) is a chunk of its own;
 * - a line starting an ATX heading (no indentation) starts a chunk;
 * - a non-indented line after a blank line starts a chunk, unless it is a list marker (a loose list continues);
 * - never inside a fenced code block, an HTML block that may span blank lines (`<!--`, `<pre`...) or an HTML block
 *   that ends at a blank line;
 * - long tables are cut every 16 rows (each sub-chunk is parsed with the header + delimiter rows prefixed and the
 *   duplicate header row dropped) and long lists every 16 items (a 50-row table piece already costs ~12 ms); the
 *   pieces are merged back into one table/list by parse.ts, which parses the block whole when a cut does not hold;
 * - link reference and footnote definitions of the whole document are collected (`Plan.definitions`), so parse.ts
 *   can append them to every chunk that has a `[`.
 */

const PIECE_ROWS = 16;
const SPLIT_MIN_LINES = 48;

/** Whether the text starts with a closed `---` (YAML) or `+++` (TOML) frontmatter block. */
export function hasFrontmatter(text: string): boolean {
  const m = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/.exec(text);
  if (!m) return false;
  const close = m[1] === '---' ? /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/ : /(?:\r\n|\r|\n)\+\+\+[ \t]*(?:\r\n|\r|\n|$)/;
  return close.test(text.slice(m[0].length - 1));
}

/** Offsets of the start of each line (`\r\n`, `\r` and `\n` end lines, as in micromark and LSP). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case, by the native search: only `\n` ends lines.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

export function columns(ws: string): number {
  let col = 0;
  for (const ch of ws) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}

export interface Piece {
  /** Line index (0-based) of the first line, and offset of its start. */
  line: number;
  offset: number;
  text: string;
  /** Table pieces: header + delimiter rows (with their line ending) parsed before `text`. */
  prefix?: string;
  /** Index of the group of pieces cut from one long block (tables/lists), for verification and merging. */
  group?: number;
  kind?: 'table' | 'list';
}

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
export const ATX_RE = /^#{1,6}(?:[ \t]|$)/;
const BLANK_RE = /^[ \t]*\r?$/;
const LIST_MARKER_RE = /^(?:([-+*])|\d{1,9}([.)]))(?:[ \t]|\r?$)/;
const THEMATIC_RE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})\r?$/;
const ITEM_RE = /^( *)([-+*]|\d{1,9}[.)])([ \t]+|$)/;
const HTML_LONG = [
  { open: /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, close: /<\/(?:script|pre|style|textarea)>/i },
  { open: /^ {0,3}<!--/, close: /-->/ },
  { open: /^ {0,3}<\?/, close: /\?>/ },
  { open: /^ {0,3}<![A-Za-z]/, close: />/ },
  { open: /^ {0,3}<!\[CDATA\[/, close: /\]\]>/ },
];
const HTML_TO_BLANK = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;
const TABLE_DELIM_RE = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$/;
const DEFINITION_RE = /^ {0,3}\[([^\]\n^][^\]\n]{0,998})\]:[ \t]*\S.*$/;
const FOOTNOTE_RE = /^ {0,3}\[(\^[^\]\s]{1,999})\]:/;

export interface Plan {
  text: string;
  pieces: Piece[];
  definitions: string;
  /** The text starts with closed frontmatter (the first piece is then parsed with the frontmatter extension). */
  frontmatter: boolean;
}

/** Lines of the text without their line endings (`lineStarts`: computeLineStarts of the text). */
function splitAt(text: string, lineStarts: readonly number[]): string[] {
  const lines = new Array<string>(lineStarts.length);
  for (let i = 0; i < lineStarts.length; i++) {
    let end = i + 1 < lineStarts.length ? lineStarts[i + 1]! : text.length;
    if (end > lineStarts[i]! && i + 1 < lineStarts.length) end -= text.charCodeAt(end - 1) === 10 && text.charCodeAt(end - 2) === 13 && end - 2 >= lineStarts[i]! ? 2 : 1;
    lines[i] = text.slice(lineStarts[i], end);
  }
  return lines;
}

/** The pieces to parse (`lineStarts`, when the caller has them: computeLineStarts of the text). */
export function planChunks(text: string, lineStarts: readonly number[] = computeLineStarts(text)): Plan {
  const lines = splitAt(text, lineStarts);
  const offsets = [...lineStarts, text.length];
  const slice = (a: number, b: number): string => text.slice(offsets[a], offsets[b]);
  const starts: number[] = [0];
  const defs: string[] = [];
  let i = 0;
  // Frontmatter.
  const frontmatter = hasFrontmatter(text);
  const first = lines[0]!.replace(/[ \t]*$/, '');
  if (frontmatter) {
    for (let j = 1; j < lines.length; j++) {
      if (lines[j]!.replace(/[ \t]*$/, '') === first) {
        if (j + 1 < lines.length) starts.push(j + 1);
        i = j + 1;
        break;
      }
    }
  }
  let fence: { ch: string; len: number } | null = null;
  let html: RegExp | null = null;
  let htmlToBlank = false;
  // Content indents of the open list items, and of the item an open fence/HTML block sits in (0: top level):
  // a line indented less than that item closes the item and with it the fence.
  const items: number[] = [];
  let openIn = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const blank = BLANK_RE.test(line);
    const indent = blank ? 0 : columns(/^[ \t]*/.exec(line)![0]);
    if ((fence || html || htmlToBlank) && openIn > 0 && !blank && indent < openIn) {
      fence = null;
      html = null;
      htmlToBlank = false;
    }
    if (fence) {
      const m = FENCE_RE.exec(line);
      if (m && m[1]![0] === fence.ch && m[1]!.length >= fence.len && m[2]!.trim() === '') fence = null;
      continue;
    }
    if (html) {
      if (html.test(line)) html = null;
      continue;
    }
    if (htmlToBlank) {
      if (blank) htmlToBlank = false;
      continue;
    }
    if (i > 0 && i !== starts[starts.length - 1]) {
      const prevBlank = BLANK_RE.test(lines[i - 1]!);
      if (ATX_RE.test(line) || (prevBlank && !blank && !/^[ \t]/.test(line) && !LIST_MARKER_RE.test(line))) {
        starts.push(i);
      }
    }
    if (!blank) while (items.length && indent < items[items.length - 1]!) items.pop();
    const item = ITEM_RE.exec(line);
    if (item) {
      const pad = columns(item[3]!);
      items.push(item[1]!.length + item[2]!.length + (pad >= 1 && pad <= 4 ? pad : 1));
      continue;
    }
    openIn = items.length && indent >= items[items.length - 1]! ? items[items.length - 1]! : 0;
    const f = FENCE_RE.exec(line);
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { ch: f[1]![0]!, len: f[1]!.length };
      continue;
    }
    const h = HTML_LONG.find((x) => x.open.test(line));
    if (h) {
      if (!h.close.test(line.slice(line.indexOf('<') + 2))) html = h.close;
      continue;
    }
    if (HTML_TO_BLANK.test(line)) {
      htmlToBlank = true;
      continue;
    }
    const def = DEFINITION_RE.exec(line) ?? FOOTNOTE_RE.exec(line);
    if (def) defs.push(`[${def[1]!.replace(/\s+/g, ' ')}]: x`);
  }
  const pieces: Piece[] = [];
  let group = 0;
  for (let k = 0; k < starts.length; k++) {
    const a = starts[k]!;
    const b = k + 1 < starts.length ? starts[k + 1]! : lines.length;
    const whole = (): Piece => ({ line: a, offset: offsets[a]!, text: slice(a, b) });
    // The frontmatter chunk is never cut (a long YAML block can look like a table or a list).
    if (b - a < SPLIT_MIN_LINES || (frontmatter && k === 0)) {
      pieces.push(whole());
      continue;
    }
    const cut = cutLongBlock(lines, slice, a, b);
    if (!cut) {
      pieces.push(whole());
      continue;
    }
    group++;
    const bounds = [a, ...cut.cuts, b];
    for (let c = 0; c + 1 < bounds.length; c++) {
      const s = bounds[c]!;
      const e = bounds[c + 1]!;
      const piece: Piece = { line: s, offset: offsets[s]!, text: slice(s, e), group, kind: cut.kind };
      if (c > 0 && cut.prefix !== undefined) piece.prefix = cut.prefix;
      pieces.push(piece);
    }
  }
  return { text, pieces, definitions: normaliseDefinitions(defs), frontmatter };
}

/** Cut points inside a long table or list in lines [a, b), or null. */
function cutLongBlock(lines: string[], slice: (a: number, b: number) => string, a: number, b: number): { cuts: number[]; kind: 'table' | 'list'; prefix?: string } | null {
  // Table: a header row followed by a delimiter row with the same number of cells.
  for (let i = a; i + 1 < b; i++) {
    if (TABLE_DELIM_RE.test(lines[i + 1]!) && lines[i]!.includes('|') && !BLANK_RE.test(lines[i]!)) {
      if (cellCount(lines[i]!) !== cellCount(lines[i + 1]!)) continue;
      const cuts: number[] = [];
      let rows = 0;
      for (let j = i + 2; j < b; j++) {
        if (BLANK_RE.test(lines[j]!)) break;
        rows++;
        if (rows > PIECE_ROWS && j + PIECE_ROWS / 2 < b && /^\|/.test(lines[j]!)) {
          cuts.push(j);
          rows = 0;
        }
      }
      if (!cuts.length) return null;
      return { cuts, kind: 'table', prefix: slice(i, i + 2) };
    }
    if (i - a > 20) break;
  }
  // List: items starting at column 0 with the same marker.
  let marker: string | null = null;
  let items = 0;
  const cuts: number[] = [];
  let inFence: string | null = null;
  for (let j = a; j < b; j++) {
    const line = lines[j]!;
    const f = FENCE_RE.exec(line);
    if (inFence) {
      if (f && f[1]!.startsWith(inFence) && f[2]!.trim() === '') inFence = null;
      continue;
    }
    if (f) {
      inFence = f[1]!;
      continue;
    }
    const m = LIST_MARKER_RE.exec(line);
    if (!m || THEMATIC_RE.test(line) || BLANK_RE.test(line.replace(LIST_MARKER_RE, ''))) continue;
    const mk = m[1] ?? m[2]!;
    if (marker === null) marker = mk;
    if (mk !== marker) continue;
    items++;
    if (items > PIECE_ROWS && j + PIECE_ROWS / 2 < b && !/^ {0,3}>/.test(prevNonBlank(lines, j))) {
      cuts.push(j);
      items = 0;
    }
  }
  return cuts.length && !inFence ? { cuts, kind: 'list' } : null;
}

function prevNonBlank(lines: string[], j: number): string {
  for (let k = j - 1; k >= 0; k--) if (!BLANK_RE.test(lines[k]!)) return lines[k]!;
  return '';
}

function cellCount(row: string): number {
  const t = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return t.split(/(?<!\\)\|/).length;
}

export function normaliseDefinitions(defs: string[]): string {
  return [...new Set(defs)].sort().join('\n\n');
}


// ---------------------------------------------------------------- inline hazards

/**
 * Bounds past which micromark's inline parsing goes super-linear. Measured on micromark 4: nested brackets (`![`
 * inside `![`...) cost cubic time (1,000 levels take seconds), emphasis runs of one character between letters
 * (`*a*a*a…`) and long delimiter runs (10,000 stars) quadratic time, and a paragraph of many lines quadratic time in
 * the number of lines (micromark's text resolver splices its event list once per line). Postmortems written by
 * people stay far below every bound (a 16-row table piece has ~200 delimiter runs, and nesting beyond 3 is rare).
 */
export const INLINE_BOUNDS = {
  /** `*`, `_`, `~` and backtick runs in one piece. */
  delimiterRuns: 1000,
  /** Longest run of one delimiter character (outside thematic breaks and fences). */
  runLength: 32,
  /** Bracket nesting depth (`[` opened and not yet closed). */
  bracketDepth: 32,
  /** `[` in one piece. */
  brackets: 2000,
  /** Consecutive non-blank lines of one paragraph (outside fences). */
  paragraphLines: 2000,
} as const;

/**
 * Why the piece's inline content must not go to micromark (a short phrase for the hint), or undefined when it may.
 * Linear in the text; fenced code is skipped (it is never inline-parsed).
 */
export function inlineHazard(text: string): string | undefined {
  let runs = 0;
  let brackets = 0;
  let depth = 0;
  let paragraphLines = 0;
  let fence: { ch: string; len: number } | null = null;
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(start, end);
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    const f = FENCE_RE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence.ch && f[1]!.length >= fence.len && f[2]!.trim() === '') fence = null;
      continue;
    }
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { ch: f[1]![0]!, len: f[1]!.length };
      paragraphLines = 0;
      continue;
    }
    if (BLANK_RE.test(line)) {
      paragraphLines = 0;
      depth = 0;
      continue;
    }
    if (++paragraphLines > INLINE_BOUNDS.paragraphLines) return `more than ${INLINE_BOUNDS.paragraphLines} lines in one paragraph`;
    if (THEMATIC_RE.test(line)) continue;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '*' || c === '_' || c === '~' || c === '`') {
        let j = i + 1;
        while (j < line.length && line[j] === c) j++;
        if (j - i > INLINE_BOUNDS.runLength) return `a run of ${j - i} '${c}' characters`;
        if (++runs > INLINE_BOUNDS.delimiterRuns) return `more than ${INLINE_BOUNDS.delimiterRuns} emphasis or code delimiters`;
        i = j - 1;
      } else if (c === '[') {
        if (++depth > INLINE_BOUNDS.bracketDepth) return `brackets nested more than ${INLINE_BOUNDS.bracketDepth} deep`;
        if (++brackets > INLINE_BOUNDS.brackets) return `more than ${INLINE_BOUNDS.brackets} brackets`;
      } else if (c === ']') {
        if (depth > 0) depth--;
      } else if (c === '\\') i++;
    }
  }
  return undefined;
}
