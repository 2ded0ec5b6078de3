/**
 * Markdown parsing: `parseFull` (plain remark) and `DocumentParser`, an incremental parser that splits the text
 * into chunks at block boundaries that are safe in CommonMark (planned by parseChunks.ts), parses each chunk on its
 * own (cached by its text) and shifts the cached trees' positions to where the chunk now starts. A single-character
 * edit re-parses one chunk (~16 rows or items for big tables and lists), not the whole document; chunks whose start
 * did not move are reused untouched, the others are shifted in place (no copies).
 *
 * Cut tables and lists are merged back into one table/list; when a cut cannot be verified (the pieces do not parse
 * as one table/list) the block is parsed whole. Link reference and footnote definitions of the whole document are
 * appended to every chunk that has a `[`, so `[text][ref]` resolves as in a full parse; the appended definition
 * nodes are dropped.
 *
 * Guards: containers nested deeper than MAX_NESTING on one line (`> > > ...`, `- - - ...`) and list markers indented
 * further than MAX_INDENT columns are neutralised (replaced by spaces, same length, so positions hold) before remark sees
 * them, since mdast-util-from-markdown recurses per level. Any exception in a chunk drops that chunk and sets `parseError`.
 * A piece past the inline bounds (parseChunks.ts `inlineHazard`: delimiter runs, bracket nesting, paragraph lines that
 * make micromark super-linear) is read as plain text and listed in `plainText`; see parseShortcuts.ts.
 *
 * Cached trees are shifted in place: a tree returned by an older `parse` call for the same uri may have its positions
 * moved by a later call. Consumers build the model (plain data) from the latest tree right away, so this is harmless.
 */
import type { Root, RootContent } from 'mdast';
import type { ParsedDocument } from './types';
import { computeLineStarts } from '../../../common/lineStarts';
import { columns, hasFrontmatter, inlineHazard, normaliseDefinitions, planChunks, type Piece, type Plan } from './parseChunks';
import { parseMarkdown, parseMarkdownPlain } from './markdownProcessors';
import { coalesce, countLineBreaks, plainHeadings, plainPiece, type PlainTextRange } from './parseShortcuts';

export { computeLineStarts, hasFrontmatter, planChunks };

export const MAX_NESTING = 100;
export const MAX_INDENT = 64;
const CACHE_LIMIT = 20000;

/**
 * Plain full parse, for comparison and tests. One deviation from a bare remark pipeline: when the text starts with
 * a `---`/`+++` fence that is never closed (so there is no frontmatter), the frontmatter extension is left out,
 * because micromark-extension-frontmatter's failed attempt stops lists from being recognised in the rest of the
 * document (`---\na\n\n- x` gives a paragraph `- x`); without it the result is plain CommonMark.
 */
export function parseFull(text: string): Root {
  return parseMarkdownPlain(text, hasFrontmatter(text) || !/^(?:---|\+\+\+)/.test(text));
}

const CONTAINER_RE = /^[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;
const INDENTED_MARKER_RE = /^([ \t]+)([-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

/** Replace container markers nested too deep on one line by spaces (same length: positions do not move). */
export function capNesting(text: string): string {
  if (text.length < 2 * MAX_NESTING && !/^[ \t]{64}/m.test(text)) return text;
  let changed = false;
  // Odd indexes hold the line endings (`\r\n`, `\r` and `\n` all end lines, as in micromark).
  const lines = text.split(/(\r\n|\r|\n)/);
  for (let i = 0; i < lines.length; i += 2) {
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
  return changed ? lines.join('') : text;
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
  /** Set when the piece was kept out of inline parsing (see inlineHazard): why. */
  plain?: string;
}

interface UriState {
  /**
   * Parsed pieces by key (their text and how they were parsed). A piece that occurs more than once (the same
   * paragraph in two places) has one entry per occurrence, in document order, so none is shared or copied.
   */
  cache: Map<string, CacheEntry[]>;
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

export class DocumentParser {
  private readonly states = new Map<string, UriState>();
  /** The pieces of the last `assemble` kept out of inline parsing. */
  private lastPlain: PlainTextRange[] = [];
  /** How the last `parse` got its pieces: parsed anew, or reused from the cache (what keeps keystrokes cheap). */
  private stats = { parsed: 0, reused: 0 };

  /** Pieces parsed anew and reused by the last `parse` (tests assert the incremental work without timing it). */
  lastParseStats(): { parsed: number; reused: number } {
    return { ...this.stats };
  }

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
      const plan = coalesce(planChunks(text, lineStarts));
      // Definitions resolve references anywhere: start from the last parse's (or the regex guess), then use the
      // definitions the parse actually found; a second pass only when they differ.
      this.stats = { parsed: 0, reused: 0 };
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
      const plainText = this.lastPlain;
      if (plainText.length) doc.plainText = plainText;
    } catch (e) {
      doc.parseError = String(e instanceof Error ? e.message : e);
    }
    return doc;
  }

  private assemble(state: UriState, plan: Plan, definitions: string): { children: RootContent[]; error?: string } {
    const text = plan.text;
    const next = new Map<string, CacheEntry[]>();
    let entries = 0;
    const out: RootContent[] = [];
    let error: string | undefined;
    const plain: PlainTextRange[] = [];
    const take = (piece: Piece, index: number): CacheEntry => {
      const defs = definitions && piece.text.includes('[') ? definitions : '';
      const fm = index === 0 && plan.frontmatter;
      const key = (fm ? 'F' : 'N') + defs + '\u0000' + (piece.prefix ?? '') + '\u0000' + piece.text;
      // The cached entry for this text not yet used by this version (the next occurrence, in document order); a
      // copy of one already used only when the text occurs more often than before; else a parse.
      const pool = state.cache.get(key);
      let entry = pool?.shift();
      if (pool && pool.length === 0) state.cache.delete(key);
      const taken = next.get(key);
      if (entry) this.stats.reused++;
      else if (taken) {
        entry = cloneEntry(taken[0]!);
        this.stats.reused++;
      } else {
        entry = parsePiece(piece, fm, defs);
        this.stats.parsed++;
      }
      if (taken) taken.push(entry);
      else next.set(key, [entry]);
      entries++;
      shiftNodes(entry.nodes as AnyNode[], piece.line + 1 - entry.baseLine, piece.offset - entry.baseOffset);
      entry.baseLine = piece.line + 1;
      entry.baseOffset = piece.offset;
      if (entry.error) error ??= entry.error;
      if (entry.plain) plain.push({ startLine: piece.line, endLine: piece.line + countLineBreaks(piece.text.replace(/(?:\r\n|\r|\n)+$/, '')), reason: entry.plain });
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
      const plainBefore = plain.length;
      const merged = mergeGroup(group.map((p, i) => take(p, k + i)), group, text);
      if (merged) out.push(...merged);
      else {
        // The cuts did not hold: parse the block whole (its pieces' plain-text hints give way to the block's).
        plain.length = plainBefore;
        const whole: Piece = { line: piece.line, offset: piece.offset, text: group.map((p) => p.text).join('') };
        out.push(...take(whole, k).nodes);
      }
      k = last;
    }
    // Keep this version's pieces, plus older ones up to the bound (most recent first).
    for (const [key, pool] of state.cache) {
      if (entries >= CACHE_LIMIT) break;
      const kept = pool.slice(0, CACHE_LIMIT - entries);
      entries += kept.length;
      const taken = next.get(key);
      if (taken) taken.push(...kept);
      else next.set(key, kept);
    }
    state.cache = next;
    this.lastPlain = plain;
    return { children: out, error };
  }
}

/** A deep copy of an entry, for a piece that now occurs once more than before (rare: cached entries are reused as they are). */
function cloneEntry(entry: CacheEntry): CacheEntry {
  return { ...entry, nodes: cloneData(entry.nodes) };
}

/**
 * A deep copy of parsed nodes: plain objects, arrays and primitives only (what remark gives), copied directly,
 * several times faster than `structuredClone`, which showed in profiles of documents that repeat a paragraph.
 * Container depth is capped before parsing (capNesting), so the recursion stays shallow.
 */
function cloneData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneData) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneData((value as Record<string, unknown>)[key]);
  return copy as T;
}

function parsePiece(piece: Piece, first: boolean, definitions: string): CacheEntry {
  // The frontmatter piece is YAML/TOML for the frontmatter construct (linear); every other piece is checked.
  const hazard = first ? undefined : inlineHazard(piece.text);
  if (hazard) return { ...plainPiece(piece, hazard, parseHeadingLine), baseLine: 1, baseOffset: 0 };
  if (!first && !piece.prefix) {
    const headings = plainHeadings(piece.text);
    if (headings) return { nodes: headings, baseLine: 1, baseOffset: 0 };
  }
  const prefix = piece.prefix ?? '';
  const local = prefix + piece.text;
  const localEnd = local.length;
  const prefixLines = prefix ? prefix.split(/\r\n|\r|\n/).length - 1 : 0;
  let error: string | undefined;
  let nodes: RootContent[] = [];
  try {
    const capped = capNesting(local);
    let root: Root | null = null;
    if (definitions && piece.text.includes('[')) {
      const sep = /\n\r?\n?$/.test(capped) ? (/\n[ \t]*\r?\n$/.test(capped) ? '' : '\n') : '\n\n';
      root = parseMarkdown(capped + sep + definitions + '\n', first);
      const extra = root.children.filter((n) => (n.position?.start.offset ?? 0) >= localEnd);
      const spill = root.children.some((n) => (n.position?.start.offset ?? 0) < localEnd && (n.position?.end.offset ?? 0) > localEnd);
      if (spill || extra.some((n) => n.type !== 'definition' && n.type !== 'footnoteDefinition')) root = null;
      else root.children = root.children.filter((n) => (n.position?.start.offset ?? 0) < localEnd);
    }
    root ??= parseMarkdown(capped, first);
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
    error = `Could not parse lines ${piece.line + 1}-${piece.line + piece.text.split(/\r\n|\r|\n/).length}: ${e instanceof Error ? e.message : String(e)}`;
    nodes = [];
  }
  const entry: CacheEntry = { nodes, baseLine: 1 + prefixLines, baseOffset: prefix.length };
  if (error) entry.error = error;
  return entry;
}

/**
 * Merge the top-level nodes of the pieces of one cut block; null when the cut did not hold. The merged table/list
 * is a new node (the cached pieces' nodes are not changed) whose children are the pieces' rows or items.
 */
function mergeGroup(entries: CacheEntry[], pieces: Piece[], text: string): RootContent[] | null {
  const out: RootContent[] = [...entries[0]!.nodes];
  /** The last node of `out` when it is a merged node made here (its children array is ours to extend). */
  let merged: RootContent | null = null;
  for (let i = 1; i < entries.length; i++) {
    const prev = out[out.length - 1];
    const nodes = entries[i]!.nodes;
    const head = nodes[0];
    const piece = pieces[i]!;
    if (!prev || !head || prev.type !== head.type || head.position?.start.offset !== piece.offset) return null;
    if (prev.type === 'table' && head.type === 'table') {
      if (prev.position!.end.line !== piece.line) return null;
      if (prev === merged) {
        prev.children.push(...head.children);
        prev.position = { start: prev.position!.start, end: head.position!.end };
      } else out[out.length - 1] = merged = { ...prev, children: [...prev.children, ...head.children], position: { start: prev.position!.start, end: head.position!.end } };
    } else if (prev.type === 'list' && head.type === 'list') {
      if (prev.ordered !== head.ordered || markerOf(text, prev) !== markerOf(text, head)) return null;
      const between = text.slice(prev.position!.end.offset, head.position!.start.offset);
      const spread = Boolean(prev.spread || head.spread || /\n[ \t]*\r?\n/.test(between));
      if (prev === merged) {
        prev.children.push(...head.children);
        prev.spread = spread;
        prev.position = { start: prev.position!.start, end: head.position!.end };
      } else out[out.length - 1] = merged = { ...prev, spread, children: [...prev.children, ...head.children], position: { start: prev.position!.start, end: head.position!.end } };
    } else return null;
    for (let j = 1; j < nodes.length; j++) out.push(nodes[j]!);
  }
  return out;
}

function markerOf(text: string, list: RootContent): string {
  const o = list.position?.start.offset ?? 0;
  const m = /^[ \t]*(?:([-+*])|\d{1,9}([.)]))/.exec(text.slice(o, o + 16));
  return m ? (m[1] ?? m[2]!) : '';
}

/** One heading line of a plain-text piece, parsed alone and placed at its line and offset in the piece. */
function parseHeadingLine(line: string, lineIndex: number, offset: number): RootContent[] {
  const nodes = parseMarkdown(line, false).children;
  shiftNodes(nodes as AnyNode[], lineIndex, offset);
  return nodes;
}

function endPoint(text: string, lineStarts: number[]): Point {
  const last = lineStarts[lineStarts.length - 1]!;
  return { line: lineStarts.length, column: text.length - last + 1, offset: text.length };
}
