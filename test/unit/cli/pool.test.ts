import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer } from '../../../cli/pool';
import { toSettings } from '../../../server/src/settings';

describe('cli: worker pool', () => {
  const scope = { settings: toSettings(undefined, true), workspaceFolders: ['file:///w'] };
  const request = { uri: 'file:///w/postmortems/a.md', text: '# A\n', scope, fix: false };

  it('a worker script that cannot start fails every file with one outcome, without looping', async () => {
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-pool-')), 'broken.js');
    fs.writeFileSync(script, 'throw new Error("broken bundle");\n');
    const analyzer = createAnalyzer({ workerScript: script, jobs: 2, budgetMs: 10_000 });
    try {
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => analyzer.analyze(request)));
      for (const o of outcomes) {
        assert.equal(o.ok, false);
        if (!o.ok) assert.equal(o.reason, 'crash');
      }
      const later = await analyzer.analyze(request);
      assert.equal(later.ok, false);
    } finally {
      await analyzer.close();
    }
  });

  it('without a worker script, files are analysed in-process', async () => {
    const analyzer = createAnalyzer({});
    const outcome = await analyzer.analyze(request);
    assert.equal(outcome.ok, true);
    if (outcome.ok) assert.equal(outcome.result.isPostmortem, true);
    await analyzer.close();
  });
});
