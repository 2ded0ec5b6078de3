/**
 * The import engine as its own bundle (dist/importers.js): built here from core/importers/module.ts the way
 * scripts/build.mjs builds it, then loaded by path as the editor's Import Timeline loads it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { loadImporters } from '../../../core/importers/bundle';
import { ImportError } from '../../../core/importers/types';
import { requireBundle } from '../../../core/requireBundle';
import { fixture } from './support';

const root = path.resolve(__dirname, '../../..');

describe('importers: the engine bundle loaded by path', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-importers-'));
    await esbuild.build({ absWorkingDir: root, bundle: true, entryPoints: { importers: 'core/importers/module.ts' }, outdir: dir, platform: 'node', format: 'cjs',
      target: 'node20', logLevel: 'silent' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads an export through the loaded bundle', async () => {
    const engine = loadImporters(dir);
    const { entries, channel } = await engine.loadEntries({ kind: 'slack', location: fixture('slack-export'), channel: 'inc-checkout-pool' });
    assert.equal(channel, 'inc-checkout-pool');
    assert.ok(entries.length > 0, 'the fixture channel has messages');
    assert.ok(engine.selectEntries(entries, 'suggested').length > 0, 'some are suggested');
  });

  it('recognises an ImportError thrown inside the bundle, whose class is not the caller\'s', async () => {
    const engine = loadImporters(dir);
    const err: unknown = await engine.loadEntries({ kind: 'slack', location: path.join(dir, 'no-such-export') }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Error, 'a missing export is refused');
    assert.ok(!(err instanceof ImportError), 'the bundle has its own ImportError class');
    assert.ok(engine.isImportError(err), `the bundle's own check recognises it: ${String(err)}`);
    assert.ok(!engine.isImportError(new Error('other')), 'a plain Error is not an ImportError');
  });

  it('says which file is missing, and which export a bundle lacks', () => {
    assert.throws(() => loadImporters(path.join(dir, 'nowhere')), (e: Error) => e.message.includes(path.join(dir, 'nowhere', 'importers.js')));
    fs.writeFileSync(path.join(dir, 'partial.js'), 'exports.loadEntries = () => [];\n');
    assert.throws(() => requireBundle<{ loadEntries(): void; planMerge(): void }>('partial.js', ['loadEntries', 'planMerge'], dir), /exports no planMerge$/);
    assert.equal(typeof requireBundle<{ loadEntries(): void }>('partial.js', ['loadEntries'], dir).loadEntries, 'function');
  });
});
