import assert from 'node:assert/strict';
import { schemaWatchPatterns } from '../../../client/src/schemaWatch';

describe('client schemaWatch: patterns for the configured schema', () => {
  it('watches a relative path in each folder', () => {
    assert.deepEqual(schemaWatchPatterns('schemas/team.json', ['/w/a', '/w/b']), [
      { base: '/w/a', pattern: 'schemas/team.json' }, { base: '/w/b', pattern: 'schemas/team.json' },
    ]);
    assert.deepEqual(schemaWatchPatterns('./team.json', ['/w/a']), [{ base: '/w/a', pattern: 'team.json' }]);
  });
  it('watches an absolute path in its directory (POSIX and Windows)', () => {
    assert.deepEqual(schemaWatchPatterns('/etc/pm/team.json', ['/w/a']), [{ base: '/etc/pm', pattern: 'team.json' }]);
    assert.deepEqual(schemaWatchPatterns('C:\\pm\\team.json', []), [{ base: 'C:/pm', pattern: 'team.json' }]);
  });
  it('watches nothing for an empty or remote setting', () => {
    assert.deepEqual(schemaWatchPatterns('', ['/w/a']), []);
    assert.deepEqual(schemaWatchPatterns(undefined, ['/w/a']), []);
    assert.deepEqual(schemaWatchPatterns('https://example.com/s.json', ['/w/a']), []);
  });
});
