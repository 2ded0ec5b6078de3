import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mayHoldAutolinkLiteral, parseMarkdown, parseMarkdownPlain } from '../../../server/src/service/markdownProcessors';

/** Markdown-ish text rich in what GFM constructs start with, and in what literal autolinks are made of. */
const TOKENS = ['a', 'w', 'W', 'h', 'x', '1', '.', '-', '+', '_', '*', '~', '[', ']', '(', ')', ':', '/', '|', '#', '>', '`', ' ', '\n', '\n\n',
  'www', 'http', 'https', 'mailto', 'xmpp', 'example', 'com', '@', '- [ ] ', '| a | b |\n| - | - |\n', '[^1]', '[^1]: note\n', '**', '~~', '&amp;', '<b>',
  '\\', '\\.', '&#64;', '&#119;', '&#58;', '&commat;', '&period;', '\uFF20', 'ops', '.com'];
const markdown = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));

describe('markdown processors: the variant without literal autolinks', () => {
  it('parses text that cannot hold a literal autolink exactly as remark with remark-gfm does', () => {
    fc.assert(fc.property(markdown, fc.boolean(), (text, frontmatter) => {
      fc.pre(!mayHoldAutolinkLiteral(text));
      assert.deepEqual(parseMarkdown(text, frontmatter), parseMarkdownPlain(text, frontmatter));
    }), { numRuns: 400 });
  });

  it('keeps every literal autolink remark-gfm finds (the check for candidates never misses one)', () => {
    fc.assert(fc.property(markdown, (text) => {
      assert.deepEqual(parseMarkdown(text, false), parseMarkdownPlain(text, false));
    }), { numRuns: 400 });
  });

  it('finds the literal autolinks of prose', () => {
    for (const text of ['see www.example.com', 'HTTPS://example.com/x', 'mail ops@example.com', 'mailto:ops@example.com', 'xmpp:ops@example.com',
      'mail ops&#64;example.com', 'see www\\.example.com', 'http&#58;//example.com', '&#119;ww.example.com']) {
      assert.ok(mayHoldAutolinkLiteral(text), text);
      assert.equal(JSON.stringify(parseMarkdown(text, false)).includes('"type":"link"'), true, text);
    }
    for (const text of ['Rolled back at 14:03 UTC.', 'wwwx.example', 'http:/broken', 'a_b*c~d']) assert.equal(mayHoldAutolinkLiteral(text), false, text);
  });
});
