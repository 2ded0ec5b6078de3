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

  it('each file\'s budget is its settings\' analysisTimeBudgetMs (as in the editor) unless one is given', async () => {
    // A worker that starts and never answers: only the pool's budget ends the file.
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-pool-')), 'silent.js');
    fs.writeFileSync(script, 'const { parentPort } = require("node:worker_threads");\nparentPort.on("message", () => {});\nparentPort.postMessage({ type: "ready" });\n');
    const fromSettings = { ...request, scope: { ...scope, settings: toSettings({ analysis: { timeBudgetMs: 120 } }, true) } };
    for (const [budgetMs, expected] of [[undefined, '120 ms'], [250, '250 ms']] as const) {
      const analyzer = createAnalyzer({ workerScript: script, jobs: 1, budgetMs });
      try {
        const outcome = await analyzer.analyze(fromSettings);
        assert.equal(outcome.ok, false);
        if (!outcome.ok) {
          assert.equal(outcome.reason, 'timeout');
          assert.match(outcome.message, new RegExp(`its ${expected} budget`));
        }
      } finally {
        await analyzer.close();
      }
    }
  });

  it('a file posted behind one that overruns its budget is not lost: the next worker analyses it', async () => {
    // Each worker is handed its next file before it finishes the current one; a worker that hangs takes neither
    // file down with it but the one it was on.
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-pool-')), 'hangs.js');
    fs.writeFileSync(script, [
      'const { parentPort } = require("node:worker_threads");',
      'parentPort.on("message", (m) => {',
      '  if (m.request.text.includes("HANG")) for (;;) {}',
      '  parentPort.postMessage({ type: "done", id: m.id, outcome: { ok: true, result: { isPostmortem: true, findings: [], fixable: 0, cacheable: true, echo: m.request.text } }, at: Date.now() });',
      '});',
      'parentPort.postMessage({ type: "ready" });',
    ].join('\n'));
    const analyzer = createAnalyzer({ workerScript: script, jobs: 1, budgetMs: 300 });
    try {
      const texts = ['HANG', 'first after', 'second after', 'HANG again', 'last'];
      const outcomes = await Promise.all(texts.map((text) => analyzer.analyze({ ...request, text })));
      assert.deepEqual(outcomes.map((o) => (o.ok ? (o.result as unknown as { echo: string }).echo : o.reason)), ['timeout', 'first after', 'second after', 'timeout', 'last']);
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
