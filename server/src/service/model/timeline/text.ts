/**
 * Small helpers shared by the timeline, action-item and impact readers: offsets of mdast nodes,
 * source slices and Markdown-to-plain-text cleaning (offsets -> Ranges: ../ranges.ts).
 */
import type { Heading, Root, RootContent } from 'mdast';
import type { Section } from '../../../../../common/model';
import type { ParsedDocument } from '../../types';
import { proseSlice } from '../blocks';
import { positionAt } from '../ranges';

export type Block = RootContent;

export function startOf(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}
export function endOf(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

/** Source text of a node, its code blocks blanked (the syntax tree says where they are). */
export function sourceOf(doc: ParsedDocument, node: Block | { position?: any }): string {
  return proseSlice(doc, startOf(node), endOf(node));
}

/** Heading text as written without the leading `#` marks (and its offset in the document). */
export function headingText(doc: ParsedDocument, h: Heading): { text: string; offset: number } {
  const src = sourceOf(doc, h);
  const m = /^ {0,3}#{1,6}[ \t]*/.exec(src);
  const skip = m ? m[0].length : 0;
  return { text: src.slice(skip).replace(/[ \t]+#+[ \t]*$/, ''), offset: startOf(h) + skip };
}

/** The section whose heading is `h` (by line), if the section reader saw it. */
export function sectionOfHeading(doc: ParsedDocument, sections: Section[], h: Heading): Section | undefined {
  const line = positionAt(doc, startOf(h)).line;
  return sectionsByLine(sections).get(line);
}

/** Sections by heading line, built once per sections array (a lookup per heading must not scan them all). */
const byLineCache = new WeakMap<Section[], Map<number, Section>>();
function sectionsByLine(sections: Section[]): Map<number, Section> {
  let map = byLineCache.get(sections);
  if (!map) {
    map = new Map();
    for (const s of sections) if (!map.has(s.headingRange.start.line)) map.set(s.headingRange.start.line, s);
    byLineCache.set(sections, map);
  }
  return map;
}

/** Root children from index `from` up to (not including) the next heading of depth <= `depth`. */
export function sectionBlocks(tree: Root, from: number, depth: number): { blocks: Block[]; next: number } {
  const blocks: Block[] = [];
  let i = from;
  for (; i < tree.children.length; i++) {
    const n = tree.children[i]!;
    if (n.type === 'heading' && n.depth <= depth) break;
    blocks.push(n);
  }
  return { blocks, next: i };
}

const MARKUP_CHAR = /[<[&*_>]/;
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]/m;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Markdown source -> readable plain text (links to their text, emphasis and list/quote markers dropped). Code blocks
 * are already blank in slices taken with `sourceOf`/`proseSlice`.
 */
export function plainText(src: string): string {
  // Most lines of prose have no markup at all: then only the spacing changes (the replacements below need one of
  // these characters, or a list marker starting a line).
  if (!MARKUP_CHAR.test(src) && !LIST_MARKER.test(src)) return src.replace(/\s+/g, ' ').trim();
  return stripMarkup(src);
}

/** `plainText` the long way, for any text (exported for the test that holds the short way to it). */
export function stripMarkup(src: string): string {
  return src
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\[\^[^\]]+\]/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    // Link text stops at `[` as well as `]`: with `[^\]]+` a run of 30,000 `[` costs quadratic time.
    .replace(/\[([^[\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^[\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, '')
    .replace(/\*\*|__/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e] ?? _)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Strip the separator left between a timestamp and its text (`:`, `]`, `**`, ` - `, `|`). */
export function stripLeadingSeparators(text: string): string {
  return text.replace(/^(?:[\s\]\)*_:.,;|–—-]|\[\^[^\]]*\])+/, '');
}
