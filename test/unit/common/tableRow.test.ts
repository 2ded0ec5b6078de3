import assert from 'node:assert/strict';
import { splitRow } from '../../../common/tableRow';

describe('common tableRow', () => {
  it('splits table rows at unescaped pipes outside code', () => {
    const r = splitRow('| 14:03 | a \\| b `x|y` | c |');
    assert.deepEqual(r.cells.map((c) => c.text.trim()), ['14:03', 'a \\| b `x|y`', 'c']);
    assert.equal(r.leading, true);
    assert.equal(r.trailing, true);
    const bare = splitRow('14:03 | text');
    assert.deepEqual(bare.cells.map((c) => c.text.trim()), ['14:03', 'text']);
    assert.equal(bare.leading, false);
  });
  it('gives each cell its columns, so a writer can find the cell holding a time', () => {
    const line = '  | 14:03 | Alert |';
    const r = splitRow(line);
    assert.equal(r.indent, '  ');
    assert.deepEqual(r.cells.map((c) => line.slice(c.start, c.end)), [' 14:03 ', ' Alert ']);
  });
});
