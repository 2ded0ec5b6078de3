/**
 * micromark combines its constructs with the extensions on every parse; the bundles route that through a version
 * that combines each list once (server/src/service/combineExtensionsOnce.ts, scripts/esbuildPlugins.mjs).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { combineExtensions as combinePlain } from 'micromark-util-combine-extensions';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { combineExtensions } from '../../../server/src/service/combineExtensionsOnce';
import { parseMarkdown } from '../../../server/src/service/markdownProcessors';

const root = path.resolve(__dirname, '../../..');

describe('combining micromark extensions once', function () {
  this.timeout(60_000);

  it('gives the same combination as micromark, and the same object for the same list', () => {
    const table = gfmTable();
    const strike = gfmStrikethrough();
    const first = combineExtensions([table, strike]);
    assert.deepEqual(first, combinePlain([table, strike]));
    assert.equal(combineExtensions([table, strike]), first, 'the same members: combined once');
    assert.notEqual(combineExtensions([strike, table]), first, 'another order is another list');
    assert.notEqual(combineExtensions([table, gfmStrikethrough()]), first, 'another member object is another list');
  });

  it('the bundles route micromark through it, and parse as before', async () => {
    const { combineExtensionsOnce } = await import(path.join(root, 'scripts/esbuildPlugins.mjs'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-combine-'));
    try {
      const outfile = path.join(dir, 'probe.js');
      await esbuild.build({
        stdin: { contents: `export { combineExtensions } from 'micromark-util-combine-extensions'; export { parseMarkdown } from './server/src/service/markdownProcessors';`,
          resolveDir: root, loader: 'ts' },
        bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'silent', plugins: [combineExtensionsOnce],
      });
      const bundled = require(outfile) as { combineExtensions: typeof combinePlain; parseMarkdown: typeof parseMarkdown };
      const list = [gfmTable()];
      assert.equal(bundled.combineExtensions(list), bundled.combineExtensions([...list]), 'an import of micromark-util-combine-extensions is the memoised one');
      const text = '| a | b |\n| - | - |\n| ~~x~~ | [y](z) |\n\nsee www.example.com\n';
      assert.deepEqual(bundled.parseMarkdown(text, false), parseMarkdown(text, false));
      assert.deepEqual(bundled.parseMarkdown(text, false), parseMarkdown(text, false), 'a second parse, from the kept combination');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
