/**
 * Text that makes micromark's inline parsing super-linear is kept out of it (parseChunks.ts `inlineHazard`,
 * parse.ts `plainPiece`): such a piece is one plain paragraph, a hint says why, and everything else in the document
 * parses exactly as before. Timing is measured by `npm run bench` and the protocol suite, not here.
 */
import assert from 'node:assert/strict';
import { treeShape } from './analysisSupport';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentParser, parseFull } from '../../../server/src/service/parse';
import { inlineHazard, INLINE_BOUNDS } from '../../../server/src/service/parseChunks';
import { createPostmortemService, PLAIN_TEXT_CODE } from '../../../server/src/service/index';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { nullLogger } from '../../../server/src/service/types';

const shape = treeShape;

const HOSTILE: Record<string, string> = {
  'emphasis runs': '*a'.repeat(10000),
  'stars around a word': '*'.repeat(10000) + 'word' + '*'.repeat(10000),
  'open brackets': '['.repeat(30000),
  'nested images': '!['.repeat(3000) + 'a' + '](b)'.repeat(3000),
  'a paragraph of many lines': 'key: value\n'.repeat(INLINE_BOUNDS.paragraphLines + 1),
};

describe('parse: inline hazards', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`recognises ${name}`, () => assert.ok(inlineHazard(text)));
  }

  it('lets ordinary text, tables, thematic breaks and fenced code through', () => {
    const row = '| 14:02 | **Alice** paged [on-call](https://x.y/1) with `kubectl` _now_ |\n';
    assert.equal(inlineHazard('| Time | Event |\n|---|---|\n' + row.repeat(16)), undefined);
    assert.equal(inlineHazard('*'.repeat(80) + '\n'), undefined, 'a thematic break');
    assert.equal(inlineHazard('```\n' + '*'.repeat(5000) + '\n' + '[['.repeat(500) + '\n```\n'), undefined, 'fenced code');
    assert.equal(inlineHazard('Some [nested [brackets] here](x) and ***strong emphasis***.\n'.repeat(100)), undefined);
  });

  it('parses a hostile paragraph as one plain paragraph, keeping the heading and the rest of the document', () => {
    const hostile = '*a'.repeat(5000);
    const before = '# Title\n\nIntro with *emphasis*.\n\n';
    const after = '\n\n## Timeline\n\n- 14:00 [link](x)\n';
    const text = before + '## Summary\n' + hostile + after;
    const doc = new DocumentParser().parse('h', 1, text);
    assert.equal(doc.parseError, undefined);
    const types = doc.tree.children.map((n) => n.type);
    assert.deepEqual(types, ['heading', 'paragraph', 'heading', 'paragraph', 'heading', 'list']);
    const plain = doc.tree.children[3] as any;
    assert.equal(plain.children.length, 1);
    assert.equal(plain.children[0].value, hostile);
    assert.equal(text.slice(plain.position.start.offset, plain.position.end.offset), hostile);
    assert.equal(plain.position.start.line, 6);
    assert.deepEqual(doc.plainText, [{ startLine: 4, endLine: 5, reason: doc.plainText![0]!.reason }]);
    // Everything outside the hostile piece is what a full parse gives.
    const full = parseFull(before + after.trimStart());
    assert.deepEqual(shape(doc.tree.children[1]), shape(full.children[1]));
  });

  it('parses a file of thousands of one-line headings in few pieces, exactly as a full parse', () => {
    const text =
      Array.from({ length: 3000 }, (_, i) => `# H${i}\n`).join('') +
      Array.from({ length: 1500 }, (_, i) => `${'#'.repeat(1 + (i % 6))} Heading (${i}) of the l'été/x-y\n${i % 3 ? '' : '\r\n'}`).join('') +
      '## Not *plain* either\n### Nor this: http://x.y\n#### Nor  this\n##### Nor #\n###### Nor this \n' +
      '\nEnd with [a][r].\n\n[r]: https://x.y\n';
    const parser = new DocumentParser();
    assert.deepEqual(shape(parser.parse('many', 1, text).tree), shape(parseFull(text)));
    const edited = text.replace('# H1500\n', '# H1500 edited\n');
    assert.deepEqual(shape(parser.parse('many', 2, edited).tree), shape(parseFull(edited)));
  });

  it('gives one hint for a long table with a hostile row (read whole, as plain text)', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| 14:${String(i % 60).padStart(2, '0')} | ${i === 40 ? '*a'.repeat(1200) : 'event'} |\n`).join('');
    const doc = new DocumentParser().parse('t', 1, '# T\n\n| Time | Event |\n|---|---|\n' + rows);
    assert.equal(doc.plainText?.length, 1);
    assert.equal(doc.plainText![0]!.startLine, 2);
  });

  it('reports a hint with a stable code on the first line of the plain text', () => {
    const service = createPostmortemService({ logger: nullLogger });
    const text = '---\ntype: postmortem\n---\n\n# Summary\n\n' + '['.repeat(30000) + '\n';
    const document = TextDocument.create('file:///w/notes/a.md', 'markdown', 1, text);
    const analysis = service.analyze(document, { settings: { ...DEFAULT_SETTINGS }, workspaceFolders: ['file:///w'] });
    const hints = analysis.findings.filter((f) => f.code === PLAIN_TEXT_CODE);
    assert.equal(hints.length, 1);
    assert.equal(hints[0]!.severity, 'hint');
    assert.equal(hints[0]!.range.start.line, 6);
    assert.deepEqual(hints[0]!.range.end, { line: 6, character: 200 }, 'underlines (the start of) the first line');
    assert.match(hints[0]!.message, /plain text/);
    assert.ok(!hints[0]!.message.includes('[['), 'the message does not echo the text');
  });
});
