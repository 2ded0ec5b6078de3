import assert from 'node:assert/strict';
import { placeholder } from '../../../../server/src/service/rules/placeholder';
import { blocksOf, checkSeverityOverride, ctx, makeMetadata, makeModel, runRule, rng } from '../modelFactory';

const doc = [
  '---',            // 0
  'owner: TODO',    // 1 (frontmatter: skipped)
  '---',            // 2
  '# Outage',       // 3
  'Impact: TBD, owner <owner>.', // 4
  'Use `TODO` and <br> and <https://x.io> and <details>.', // 5
  '```sh',          // 6
  'echo TODO',      // 7
  '```',            // 8
  '<insert impact> FIXME', // 9
].join('\n');

describe('rule placeholder', () => {
  const model = makeModel({ metadata: { ...makeModel().metadata, frontmatter: { ...makeModel().metadata.frontmatter!, range: rng(0, 0, 3, 2) } } });
  it('reports TODO/TBD/FIXME/XXX and <placeholders> in prose at their ranges', () => {
    const fs = runRule(placeholder, model, doc);
    assert.deepEqual(fs.map((f) => [f.range.start.line, doc.split('\n')[f.range.start.line]!.slice(f.range.start.character, f.range.end.character)]),
      [[4, 'TBD'], [4, '<owner>'], [9, '<insert impact>'], [9, 'FIXME']]);
    assert.deepEqual(fs[0]!.range, rng(4, 8, 11));
    assert.equal(fs[0]!.severity, 'warning');
    assert.match(fs[0]!.message, /Placeholder 'TBD'/);
  });
  it('ignores code, frontmatter, HTML tags, autolinks and lower-case words', () => {
    assert.deepEqual(runRule(placeholder, model, '# A\n\nA todo list, `XXX`, <br/>, <https://a.b>.\n~~~\nTODO\n~~~\n'), []);
    assert.deepEqual(runRule(placeholder, makeModel({ metadata: makeMetadata({ frontmatter: null }) }), '# A\n\n> ```\n> node-1  NotReady  <none>\n> ```\n'), []);
  });
  it('is linear on a large document', () => {
    const big = 'Some text with TODO and <x y> `code` here.\n\n'.repeat(20000);
    const large = makeModel({ metadata: makeMetadata({ frontmatter: null }), blocks: blocksOf(big) });
    const t = Date.now();
    assert.equal(runRule(placeholder, large).length, 40000);
    assert.ok(Date.now() - t < 3000);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(placeholder, model, doc);
  });
});

describe('rule placeholder: a deeply quoted line with inline code', () => {
  it('finishes (the fence pattern used to backtrack exponentially on 60 nested quotes)', () => {
    // A hang here times the suite out. The shallow quote shows the rule still reads quoted prose around it.
    // Lines 0-19 are blank: the model factory's frontmatter sits there and the rule skips frontmatter.
    const text = `${'\n'.repeat(20)}> > \`x\` TODO\n\n${'> '.repeat(60)}\`x\` words\n`;
    const fs = placeholder.check(ctx(makeModel({ lineCount: 24 }), text));
    assert.deepEqual(fs.map((f) => f.range.start.line), [20]);
  });
});
