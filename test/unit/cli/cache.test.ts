import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli, postmortem, tempWorkspace, write } from './harness';

describe('cli: --cache', () => {
  it('answers unchanged files from the cache file and re-checks changed ones', async () => {
    const dir = tempWorkspace(false);
    const file = write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    const cold = await cli(dir, ['check', '--cache']);
    const cacheFile = path.join(dir, '.postmortemcache');
    assert.ok(fs.existsSync(cacheFile));
    const warm = await cli(dir, ['check', '--cache']);
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(warm.code, cold.code);

    // Prove the warm run reads the cache: a planted result for the same content and configuration is what it reports.
    const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    const entry = cache.entries[file];
    entry.r.findings[0].message = 'PLANTED';
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
    assert.match((await cli(dir, ['check', '--cache'])).stdout, /PLANTED/);

    // A change of content is checked afresh.
    fs.writeFileSync(file, postmortem());
    const changed = await cli(dir, ['check', '--cache']);
    assert.equal(changed.code, 0);
    assert.doesNotMatch(changed.stdout, /PLANTED/);
  });

  it('a change of settings invalidates the entries', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    await cli(dir, ['check', '--cache']);
    write(dir, '.vscode/settings.json', '{ "postmortem.rules": { "resolved-before-started": "ignore" } }');
    const r = await cli(dir, ['check', '--cache']);
    assert.match(r.stdout, /no problems/);
  });

  it('--cache-location takes a file or a folder; a corrupt cache is started afresh', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    await cli(dir, ['check', '--cache-location', 'tmp/cache/']);
    assert.ok(fs.existsSync(path.join(dir, 'tmp/cache/.postmortemcache')));
    await cli(dir, ['check', '--cache-location', 'tmp/pm.cache']);
    fs.writeFileSync(path.join(dir, 'tmp/pm.cache'), '{ not json');
    const r = await cli(dir, ['check', '--cache-location', 'tmp/pm.cache']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /resolved-before-started/);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(dir, 'tmp/pm.cache'), 'utf8')));
  });
});
