/**
 * Markdown parsing: `parseFull` (plain remark) and `DocumentParser`, an incremental parser that splits the text
 * into chunks at block boundaries that are safe in CommonMark, parses each chunk on its own (cached by its text)
 * and shifts the cached trees' positions to where the chunk now starts. A single-character edit re-parses one
 * chunk (~16 rows or items for big tables and lists), not the whole document.
 *
 * Splitting rules (see `planChunks`):
 * - frontmatter (`---`/`+++` at the start, closed) is a chunk of its own;
 * - a line starting an ATX heading (no indentation) starts a chunk;
 * - a non-indented line after a blank line starts a chunk, unless it is a list marker (a loose list continues);
 * - never inside a fenced code block, an HTML block that may span blank lines (`<!--`, `<pre`...) or an HTML block
 *   that ends at a blank line;
 * - long tables are cut every 16 rows (each sub-chunk is parsed with the header + delimiter rows prefixed and the
 *   duplicate header row dropped) and long lists every 16 items (a 50-row table piece already costs ~12 ms); the pieces are merged back into one table/list.
 *   When a cut cannot be verified (the pieces do not parse as one table/list) the block is parsed whole.
 * - link reference and footnote definitions of the whole document are appended to every chunk that has a `[`, so
 *   `[text][ref]` resolves as in a full parse; the appended definition nodes are dropped.
 *
 * Guards: containers nested deeper than MAX_NESTING on one line (`> > > ...`, `- - - ...`) and list markers indented
 * further than MAX_INDENT columns are neutralised (replaced by spaces, same length, so positions hold) before remark sees
 * them, since mdast-util-from-markdown recurses per level. Any exception in a chunk drops that chunk and sets `parseError`.
 *
 * Cached trees are shifted in place: a tree returned by an older `parse` call for the same uri may have its positions
 * moved by a later call. Consumers build the model (plain data) from the latest tree right away, so this is harmless.
 */
import type { Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { ParsedDocument } from './types';

const withFrontmatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);
const withoutFrontmatter = unified().use(remarkParse).use(remarkGfm);

export const MAX_NESTING = 100;
export const MAX_INDENT = 64;
const PIECE_ROWS = 16;
const SPLIT_MIN_LINES = 48;
const CACHE_LIMIT = 20000;

/**
 * Plain full parse, for comparison and tests. One deviation from a bare remark pipeline: when the text starts with
 * a `---`/`+++` fence that is never closed (so there is no frontmatter), the frontmatter extension is left out,
 * because micromark-extension-frontmatter's failed attempt stops lists from being recognised in the rest of the
 * document (`---\na\n\n- x` gives a paragraph `- x`); without it the result is plain CommonMark.
 */
export function parseFull(text: string): Root {
  return (hasFrontmatter(text) || !/^(?:---|\+\+\+)/.test(text) ? withFrontmatter : withoutFrontmatter).parse(text) as Root;
}

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
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

const CONTAINER_RE = /^[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;
const INDENTED_MARKER_RE = /^([ \t]+)([-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

/** Replace container markers nested too deep on one line by spaces (same length: positions do not move). */
export function capNesting(text: string): string {
  if (text.length < 2 * MAX_NESTING && !/^[ \t]{64}/m.test(text)) return text;
  let changed = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    let pos = 0;
    let depth = 0;
    let rest = line;
    let m: RegExpExecArray | null;
    while ((m = CONTAINER_RE.exec(rest))) {
      depth++;
      const end = pos + m[0].length;
      if (depth > MAX_NESTING) {
        const markerStart = pos + m[0].length - m[0].trimStart().length;
        line = line.slice(0, markerStart) + ' '.repeat(end - markerStart) + line.slice(end);
        changed = true;
      }
      pos = end;
      rest = line.slice(pos);
    }
    const ind = INDENTED_MARKER_RE.exec(line);
    if (ind && columns(ind[1]!) > MAX_INDENT) {
      line = ind[1]! + ' '.repeat(ind[2]!.length) + line.slice(ind[0].length);
      changed = true;
    }
    lines[i] = line;
  }
  return changed ? lines.join('\n') : text;
}

function columns(ws: string): number {
  let col = 0;
  for (const ch of ws) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return col;
}

// ---------------------------------------------------------------- chunk planning

interface Piece {
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
const ATX_RE = /^#{1,6}(?:[ \t]|$)/;
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

interface Plan {
  text: string;
  pieces: Piece[];
  definitions: string;
  /** The text starts with closed frontmatter (the first piece is then parsed with the frontmatter extension). */
  frontmatter: boolean;
}

export function planChunks(text: string): Plan {
  const offsets = computeLineStarts(text);
  const lines = offsets.map((o, i) => text.slice(o, i + 1 < offsets.length ? offsets[i + 1] : text.length).replace(/\r?\n$|\r$/, ''));
  offsets.push(text.length);
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
    if (b - a < SPLIT_MIN_LINES) {
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

// ---------------------------------------------------------------- positions

type AnyNode = { position?: { start: Point; end: Point }; children?: AnyNode[] };
type Point = { line: number; column: number; offset?: number };

/** Shift every position in the nodes by the given line and offset deltas (iterative: no recursion). */
function shiftNodes(nodes: AnyNode[], dLine: number, dOffset: number): void {
  if (dLine === 0 && dOffset === 0) return;
  const stack: AnyNode[] = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    const p = n.position;
    if (p) {
      p.start.line += dLine;
      p.end.line += dLine;
      if (p.start.offset !== undefined) p.start.offset += dOffset;
      if (p.end.offset !== undefined) p.end.offset += dOffset;
    }
    if (n.children) for (const c of n.children) stack.push(c);
  }
}

// ---------------------------------------------------------------- incremental parser

interface CacheEntry {
  /** Top-level nodes of the piece (duplicate table header and appended definitions already dropped). */
  nodes: RootContent[];
  /** Absolute line (1-based) and offset the nodes' positions are currently based at. */
  baseLine: number;
  baseOffset: number;
  error?: string;
}

interface UriState {
  cache: Map<string, CacheEntry>;
  definitions?: string;
}

/** The definitions (`[label]: x`, `[^label]: x` lines) found in the block containers of a tree. */
function collectDefinitions(children: RootContent[], text: string): string {
  const out: string[] = [];
  const stack: RootContent[] = [...children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'definition' || n.type === 'footnoteDefinition') {
      const label = n.label ?? text.slice(n.position?.start.offset ?? 0).match(/\[\^?([^\]]*)\]/)?.[1] ?? n.identifier;
      const l = String(label).replace(/\s+/g, " ");
      out.push(n.type === "definition" ? `[${l}]: x` : `[^${l}]: x`);
    }
    if (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote' || n.type === 'footnoteDefinition') stack.push(...(n.children as RootContent[]));
  }
  return normaliseDefinitions(out);
}

function normaliseDefinitions(defs: string[]): string {
  return [...new Set(defs)].sort().join('\n\n');
}

export class DocumentParser {
  private readonly states = new Map<string, UriState>();

  forget(uri: string): void {
    this.states.delete(uri);
  }

  parse(uri: string, version: number, text: string): ParsedDocument {
    const lineStarts = computeLineStarts(text);
    const end = endPoint(text, lineStarts);
    const tree: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end } };
    const doc: ParsedDocument = { uri, version, text, tree, lineStarts };
    try {
      let state = this.states.get(uri);
      if (!state) this.states.set(uri, (state = { cache: new Map() }));
      const plan = planChunks(text);
      // Definitions resolve references anywhere: start from the last parse's (or the regex guess), then use the
      // definitions the parse actually found; a second pass only when they differ.
      let defs = state.definitions ?? plan.definitions;
      let { children, error } = this.assemble(state, plan, defs);
      const found = collectDefinitions(children, text);
      if (found !== defs) {
        defs = found;
        ({ children, error } = this.assemble(state, plan, defs));
      }
      state.definitions = defs;
      tree.children = children;
      if (error) doc.parseError = error;
    } catch (e) {
      doc.parseError = String(e instanceof Error ? e.message : e);
    }
    return doc;
  }

  private assemble(state: UriState, plan: Plan, definitions: string): { children: RootContent[]; error?: string } {
    const text = plan.text;
    const next = new Map<string, CacheEntry>();
    const used = new Set<CacheEntry>();
    const out: RootContent[] = [];
    let error: string | undefined;
    const take = (piece: Piece, index: number): CacheEntry => {
      const defs = definitions && piece.text.includes('[') ? definitions : '';
      const fm = index === 0 && plan.frontmatter;
      const key = (fm ? 'F' : 'N') + defs + '\u0000' + (piece.prefix ?? '') + '\u0000' + piece.text;
      let entry = next.get(key) ?? state.cache.get(key);
      if (entry && used.has(entry)) entry = cloneEntry(entry);
      if (!entry) entry = parsePiece(piece, fm, defs);
      else state.cache.delete(key);
      next.set(key, entry);
      used.add(entry);
      shiftNodes(entry.nodes as AnyNode[], piece.line + 1 - entry.baseLine, piece.offset - entry.baseOffset);
      entry.baseLine = piece.line + 1;
      entry.baseOffset = piece.offset;
      if (entry.error) error ??= entry.error;
      return entry;
    };
    for (let k = 0; k < plan.pieces.length; k++) {
      const piece = plan.pieces[k]!;
      if (piece.group === undefined) {
        out.push(...take(piece, k).nodes);
        continue;
      }
      let last = k;
      while (last + 1 < plan.pieces.length && plan.pieces[last + 1]!.group === piece.group) last++;
      const group = plan.pieces.slice(k, last + 1);
      const merged = mergeGroup(group.map((p, i) => take(p, k + i)), group, text);
      if (merged) out.push(...merged);
      else {
        // The cuts did not hold: parse the block whole.
        const whole: Piece = { line: piece.line, offset: piece.offset, text: group.map((p) => p.text).join('') };
        out.push(...take(whole, k).nodes);
      }
      k = last;
    }
    // Keep this version's pieces, plus older ones up to the bound (most recent first).
    for (const [key, entry] of state.cache) {
      if (next.size >= CACHE_LIMIT) break;
      if (!next.has(key)) next.set(key, entry);
    }
    state.cache = next;
    return { children: out, error };
  }
}

function cloneEntry(entry: CacheEntry): CacheEntry {
  return { ...entry, nodes: structuredClone(entry.nodes) };
}

function parsePiece(piece: Piece, first: boolean, definitions: string): CacheEntry {
  const prefix = piece.prefix ?? '';
  const local = prefix + piece.text;
  const localEnd = local.length;
  const prefixLines = prefix ? prefix.split('\n').length - 1 : 0;
  const processor = first ? withFrontmatter : withoutFrontmatter;
  let error: string | undefined;
  let nodes: RootContent[] = [];
  try {
    const capped = capNesting(local);
    let root: Root | null = null;
    if (definitions && piece.text.includes('[')) {
      const sep = /\n\r?\n?$/.test(capped) ? (/\n[ \t]*\r?\n$/.test(capped) ? '' : '\n') : '\n\n';
      root = processor.parse(capped + sep + definitions + '\n') as Root;
      const extra = root.children.filter((n) => (n.position?.start.offset ?? 0) >= localEnd);
      const spill = root.children.some((n) => (n.position?.start.offset ?? 0) < localEnd && (n.position?.end.offset ?? 0) > localEnd);
      if (spill || extra.some((n) => n.type !== 'definition' && n.type !== 'footnoteDefinition')) root = null;
      else root.children = root.children.filter((n) => (n.position?.start.offset ?? 0) < localEnd);
    }
    root ??= processor.parse(capped) as Root;
    nodes = root.children;
    if (prefix) {
      const table = nodes[0];
      if (table && table.type === 'table' && table.children.length > 1) {
        table.children.shift();
        table.position!.start = { ...table.children[0]!.position!.start };
      }
      nodes = nodes.filter((n) => (n.position?.end.offset ?? 0) > prefix.length);
    }
  } catch (e) {
    error = `Could not parse lines ${piece.line + 1}-${piece.line + piece.text.split('\n').length}: ${e instanceof Error ? e.message : String(e)}`;
    nodes = [];
  }
  const entry: CacheEntry = { nodes, baseLine: 1 + prefixLines, baseOffset: prefix.length };
  if (error) entry.error = error;
  return entry;
}

/** Merge the top-level nodes of the pieces of one cut block; null when the cut did not hold. */
function mergeGroup(entries: CacheEntry[], pieces: Piece[], text: string): RootContent[] | null {
  const out: RootContent[] = [...entries[0]!.nodes];
  for (let i = 1; i < entries.length; i++) {
    const prev = out[out.length - 1];
    const [head, ...rest] = entries[i]!.nodes;
    const piece = pieces[i]!;
    if (!prev || !head || prev.type !== head.type || head.position?.start.offset !== piece.offset) return null;
    if (prev.type === 'table' && head.type === 'table') {
      if (prev.position!.end.line !== piece.line) return null;
      out[out.length - 1] = { ...prev, children: [...prev.children, ...head.children], position: { start: prev.position!.start, end: head.position!.end } };
    } else if (prev.type === 'list' && head.type === 'list') {
      if (prev.ordered !== head.ordered || markerOf(text, prev) !== markerOf(text, head)) return null;
      const between = text.slice(prev.position!.end.offset, head.position!.start.offset);
      const spread = Boolean(prev.spread || head.spread || /\n[ \t]*\r?\n/.test(between));
      out[out.length - 1] = { ...prev, spread, children: [...prev.children, ...head.children], position: { start: prev.position!.start, end: head.position!.end } };
    } else return null;
    out.push(...rest);
  }
  return out;
}

function markerOf(text: string, list: RootContent): string {
  const o = list.position?.start.offset ?? 0;
  const m = /^[ \t]*(?:([-+*])|\d{1,9}([.)]))/.exec(text.slice(o, o + 16));
  return m ? (m[1] ?? m[2]!) : '';
}

function endPoint(text: string, lineStarts: number[]): Point {
  const last = lineStarts[lineStarts.length - 1]!;
  return { line: lineStarts.length, column: text.length - last + 1, offset: text.length };
}
