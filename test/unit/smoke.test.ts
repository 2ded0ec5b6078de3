import assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
describe('toolchain', () => {
  it('parses markdown with remark from a TS test', () => {
    const tree = unified().use(remarkParse).parse('# Hi\n');
    assert.equal(tree.children[0]?.type, 'heading');
  });
});
