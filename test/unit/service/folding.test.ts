import assert from 'node:assert/strict';
import { getFoldingRanges } from '../../../server/src/service/folding';
import { modelOf } from './editingFixtures';

const fold = (text: string) => {
  const { model } = modelOf(text);
  return getFoldingRanges(model).map(r => [r.startLine, r.endLine, ...(r.kind ? [r.kind] : [])]);
};

describe('folding', () => {
  it('folds the frontmatter, sections (without trailing blank lines), tables and code blocks', () => {
    const text = [
      '---',            // 0
      'severity: SEV2', // 1
      '---',            // 2
      '# Outage',       // 3
      '',               // 4
      '## Summary',     // 5
      '',               // 6
      'It broke.',      // 7
      '',               // 8
      '## Timeline',    // 9
      '',               // 10
      '| Time | Event |', // 11
      '| --- | --- |',  // 12
      '| 14:03 | Alert fired |', // 13
      '| 14:10 | Rolled back |', // 14
      '',               // 15
      '```',            // 16
      '| a | b |',      // 17
      '| - | - |',      // 18
      '```',            // 19
      '',
    ].join('\n');
    assert.deepEqual(fold(text), [
      [0, 2, 'region'],
      [3, 19],
      [5, 7],
      [9, 19],
      [11, 14],
      [16, 19],
    ]);
  });

  it('folds heading-style timeline entries with their bodies', () => {
    const text = '## Timeline\n\n### 14:03\n\nAlert fired.\nPaged.\n\n### 14:30\n\nResolved.\n';
    assert.deepEqual(fold(text), [[0, 9], [2, 5], [7, 9]]);
  });

  it('folds nothing in a one-line document', () => {
    assert.deepEqual(fold('# Title'), []);
  });
});
