import assert from 'node:assert/strict';
import { unifiedDiff } from '../../../cli/format/diff';

describe('cli: unified diff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a', 'b', 'x\n', 'x\n'), '');
  });

  it('prints hunks with three lines of context, as diff -u', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n';
    const b = 'a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\nl\n';
    assert.equal(unifiedDiff('a/x', 'b/x', a, b), [
      '--- a/x', '+++ b/x',
      '@@ -1,6 +1,6 @@', ' a', ' b', '-c', '+C', ' d', ' e', ' f',
      '@@ -9,3 +9,4 @@', ' i', ' j', ' k', '+l', '',
    ].join('\n'));
  });

  it('shows a moved line as removed and added', () => {
    assert.equal(unifiedDiff('a', 'b', '1\n2\n3\n', '2\n1\n3\n'), '--- a\n+++ b\n@@ -1,3 +1,3 @@\n-1\n 2\n+1\n 3\n');
  });
});
