import assert from 'node:assert/strict';
import { computeLineStarts, lineIndex, lineOf, offsetAt, positionAt } from '../../../common/lineStarts';

describe('common lineStarts', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r', () => {
    assert.deepEqual(computeLineStarts('a\nbc\r\nd\re'), [0, 2, 6, 8]);
  });
  it('finds the line of an offset by binary search', () => {
    const starts = computeLineStarts('a\nbc\r\nd\re');
    assert.deepEqual([0, 1, 2, 5, 6, 8, 9].map((o) => lineOf(starts, o)), [0, 0, 1, 1, 2, 3, 3]);
  });
  it('turns offsets into positions and back, clamped to line content', () => {
    const doc = lineIndex('ab\r\ncd');
    assert.deepEqual(positionAt(doc, 5), { line: 1, character: 1 });
    assert.deepEqual(positionAt(doc, 3), { line: 0, character: 2 });
    assert.deepEqual(positionAt(doc, 99), { line: 1, character: 2 });
    assert.equal(offsetAt(doc, { line: 1, character: 1 }), 5);
    assert.equal(offsetAt(doc, { line: 0, character: 99 }), 2);
    assert.equal(offsetAt(doc, { line: 7, character: 0 }), 6);
  });
});
