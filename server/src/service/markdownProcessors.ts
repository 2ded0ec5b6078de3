/**
 * The remark processors the parser uses: CommonMark + GFM, with or without frontmatter, and a variant without GFM's
 * literal autolinks for text that cannot hold one.
 *
 * Why the variant: GFM's literal autolinks try an e-mail autolink at every letter and digit of inline text and then
 * walk the tree with regular expressions (mdast-util-gfm-autolink-literal); on postmortems that was about a tenth of
 * all parsing. A literal autolink needs `@` (e-mail, `mailto:`, `xmpp:`), `www.` or `http://`/`https://`, perhaps
 * written with an escape or a character reference, so text with none of them parses to the same tree without the
 * extension (test/unit/service/markdownProcessors.test.ts compares both on generated text; the parser's own tests
 * compare the incremental parse with plain remark on the corpus).
 */
import type { Root } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { combineExtensions } from 'micromark-util-combine-extensions';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';

/** remark-gfm without literal autolinks: the same extensions in the same order, less the first. */
function remarkGfmWithoutAutolinkLiterals(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(combineExtensions([gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()]));
  (data.fromMarkdownExtensions ??= []).push([gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()]);
}

const FRONTMATTER = ['yaml', 'toml'] as const;
const full = {
  withFrontmatter: unified().use(remarkParse).use(remarkFrontmatter, [...FRONTMATTER]).use(remarkGfm),
  withoutFrontmatter: unified().use(remarkParse).use(remarkGfm),
};
const noAutolinks = {
  withFrontmatter: unified().use(remarkParse).use(remarkFrontmatter, [...FRONTMATTER]).use(remarkGfmWithoutAutolinkLiterals),
  withoutFrontmatter: unified().use(remarkParse).use(remarkGfmWithoutAutolinkLiterals),
};

/**
 * What a GFM literal autolink (or the transform that finds them) needs somewhere in the text. The transform reads the
 * parsed text, where escapes and character references are already resolved (`ops&#64;example.com`, `www\.x.com`),
 * so any backslash or character reference counts too.
 */
const AUTOLINK_CANDIDATE = /[@\uFF20\\]|&[#A-Za-z]|www\.|https?:\/\//i;

export function mayHoldAutolinkLiteral(text: string): boolean {
  return AUTOLINK_CANDIDATE.test(text);
}

/** Parse `text` with CommonMark + GFM (+ frontmatter): what remark with remark-gfm gives. */
export function parseMarkdown(text: string, frontmatter: boolean): Root {
  const set = mayHoldAutolinkLiteral(text) ? full : noAutolinks;
  return (frontmatter ? set.withFrontmatter : set.withoutFrontmatter).parse(text) as Root;
}

/** The plain remark + remark-gfm pipeline, unchanged (the reference `parseFull` and the tests compare against). */
export function parseMarkdownPlain(text: string, frontmatter: boolean): Root {
  return (frontmatter ? full.withFrontmatter : full.withoutFrontmatter).parse(text) as Root;
}
