/**
 * Shortcuts of the incremental parser (parse.ts) for text micromark handles badly: a piece past the inline bounds
 * becomes plain text (`plainPiece`), plain ATX headings are built without a parse (`plainHeadings`), and a document
 * of very many small pieces parses them in runs (`coalesce`). Each gives exactly what a full parse would, except
 * `plainPiece`, which is the deliberate plain-text reading (with a hint).
 */
import type { RootContent } from 'mdast';
import { ATX_RE, computeLineStarts, inlineHazard, type Piece, type Plan } from './parseChunks';

/** Lines `startLine`..`endLine` (0-based) were kept out of inline parsing, for `reason`. */
export interface PlainTextRange {
  startLine: number;
  endLine: number;
  reason: string;
}

export function countLineBreaks(text: string): number {
  return computeLineStarts(text).length - 1;
}

/**
 * A piece whose inline content would make micromark super-linear: a leading ATX heading line is parsed as usual
 * (when it is harmless on its own), everything after it becomes one paragraph of plain text (positions relative to
 * the piece's text). Linear, and nothing of the text is lost: it is in the model as written.
 */
export function plainPiece(piece: Piece, reason: string, parseHeading: (line: string, lineIndex: number, offset: number) => RootContent[]): { nodes: RootContent[]; plain: string } {
  const text = piece.text;
  const starts = computeLineStarts(text);
  const point = (offset: number): { line: number; column: number; offset: number } => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  };
  const nodes: RootContent[] = [];
  let from = /^\s*/.exec(text)![0].length;
  const firstLineEnd = /\r\n|\r|\n|$/.exec(text.slice(from))!.index + from;
  const firstLine = text.slice(from, firstLineEnd);
  if (ATX_RE.test(firstLine) && !inlineHazard(firstLine)) {
    nodes.push(...parseHeading(firstLine, point(from).line - 1, from));
    from = firstLineEnd;
    from += /^\s*/.exec(text.slice(from))![0].length;
  }
  const to = text.replace(/\s+$/, '').length;
  if (to > from) {
    const position = { start: point(from), end: point(to) };
    nodes.push({ type: 'paragraph', children: [{ type: 'text', value: text.slice(from, to), position: { start: { ...position.start }, end: { ...position.end } } }], position });
  }
  return { nodes, plain: reason };
}

/** An ATX heading whose text micromark would leave as one text node: letters, digits and a few safe marks. */
const PLAIN_HEADING = /^(#{1,6}) ([\p{L}\p{N}'(),/-]+(?: [\p{L}\p{N}'(),/-]+)*)$/u;

/**
 * The nodes of a piece made only of plain ATX headings and blank lines, built directly (what micromark gives, without
 * its per-parse cost: a file of 50,000 headings is otherwise mostly parser set-up); undefined for anything else.
 */
export function plainHeadings(text: string): RootContent[] | undefined {
  if (text.charCodeAt(0) !== 35 /* # */) return undefined;
  const starts = computeLineStarts(text);
  const nodes: RootContent[] = [];
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const line = text.slice(from, i + 1 < starts.length ? starts[i + 1]! : text.length).replace(/\r?\n$|\r$/, '');
    if (line === '') continue;
    const m = PLAIN_HEADING.exec(line);
    if (!m) return undefined;
    const depth = m[1]!.length;
    const at = (column: number) => ({ line: i + 1, column, offset: from + column - 1 });
    nodes.push({
      type: 'heading',
      depth: depth as 1 | 2 | 3 | 4 | 5 | 6,
      children: [{ type: 'text', value: m[2]!, position: { start: at(depth + 2), end: at(line.length + 1) } }],
      position: { start: at(1), end: at(line.length + 1) },
    });
  }
  return nodes;
}

/**
 * In a document of very many pieces, small neighbouring ones are parsed together (any run of consecutive pieces is itself a safe piece): a file of
 * 50,000 one-line headings is a few hundred parses, not 50,000, and a keystroke still re-parses at most ~2 KB.
 */
const COALESCE_ABOVE = 1000;
const COALESCE_PIECE = 512;
const COALESCE_TARGET = 2048;

export function coalesce(plan: Plan): Plan {
  // Documents people write have a few hundred pieces at most: keep them one parse each (finest reuse).
  if (plan.pieces.length <= COALESCE_ABOVE) return plan;
  const pieces: Piece[] = [];
  /** Whether the last piece of `pieces` is small pieces merged (or one small piece) that may take more. */
  let open = false;
  for (let k = 0; k < plan.pieces.length; k++) {
    const piece = plan.pieces[k]!;
    const small = piece.group === undefined && piece.text.length < COALESCE_PIECE && !(k === 0 && plan.frontmatter);
    const prev = pieces[pieces.length - 1];
    if (small && open && prev && prev.text.length + piece.text.length <= COALESCE_TARGET) {
      pieces[pieces.length - 1] = { line: prev.line, offset: prev.offset, text: prev.text + piece.text };
    } else {
      pieces.push(piece);
      open = small;
    }
  }
  return { ...plan, pieces };
}
