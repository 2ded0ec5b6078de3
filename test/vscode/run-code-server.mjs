// `npm run test:vscode`: runs the in-VS Code suite (out/test/vscode/index.js) in code-server's bundled
// VS Code server, with the workbench opened by headless Chromium (the extension host starts only when a
// workbench connects). The extension host exits 0 even when tests fail, so the verdict is the results
// file that index.ts writes: this runner tells it where (env POSTMORTEM_RESULTS on the server, and
// out/test/vscode/results-path.txt beside the bundle), polls for it with a bounded timeout, prints the
// mocha output, copies the results to $POSTMORTEM_RESULTS and exits non-zero on failure or no results.
// Needs `bash scripts/setup-code-server.sh` once. POSTMORTEM_KEEP_SCRATCH=1 keeps the temp folder.
import fs from 'node:fs';
import path from 'node:path';
import {
  build, copyWorkspace, launchBrowser, makeScratch, removeScratch, root, startServer, waitFor, workbenchUrl,
} from './harness-server.mjs';

const TIMEOUT_MS = Number(process.env.POSTMORTEM_VSCODE_TIMEOUT_MS ?? 5 * 60_000);
const bundle = path.join(root, 'out/test/vscode/index.js');
const resultsPathFile = path.join(root, 'out/test/vscode/results-path.txt');

function writeVerdict(results) {
  const out = process.env.POSTMORTEM_RESULTS;
  if (!out) return;
  const { log: _log, ...summary } = results;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.tmp`, JSON.stringify(summary, null, 2));
  fs.renameSync(`${out}.tmp`, out);
}

async function main() {
  build();
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} was not built (test/vscode/index.ts missing?)`);
  const scratch = makeScratch('vscode');
  const workspace = copyWorkspace(scratch.workspace);
  const resultsFile = path.join(scratch.base, 'results.json');
  fs.writeFileSync(resultsPathFile, resultsFile);

  const t0 = Date.now();
  const server = await startServer(scratch, { env: { POSTMORTEM_RESULTS: resultsFile, POSTMORTEM_TEST_WORKSPACE: workspace } });
  const { page, stop: stopBrowser } = await launchBrowser(scratch);
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  let results = null;
  try {
    await page.goto(workbenchUrl(server.port, workspace, { extensionDevelopmentPath: root, extensionTestsPath: bundle }));
    await waitFor(() => {
      if (fs.existsSync(resultsFile)) return true;
      if (server.exited()) throw new Error(`the VS Code server exited: ${JSON.stringify(server.exited())}`);
      return false;
    }, { timeout: TIMEOUT_MS, interval: 250, what: `the results file ${resultsFile}` });
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch (e) {
    console.error(`test:vscode: ${e.message}`);
    console.error('--- server log (tail) ---\n' + server.log().slice(-6000));
    if (consoleErrors.length) console.error('--- workbench console errors ---\n' + consoleErrors.slice(-20).join('\n'));
  } finally {
    await stopBrowser();
    server.stop();
    fs.rmSync(resultsPathFile, { force: true });
  }
  if (!results) {
    removeScratch(scratch);
    writeVerdict({ passed: 0, failed: 1, pending: 0, failures: [{ title: 'in-VS Code suite', message: 'no results file: the suite did not run (see the log above)' }] });
    return 1;
  }
  console.log((results.log ?? []).join('\n'));
  console.log(`test:vscode: ${results.passed} passed, ${results.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s (VS Code server + Chromium)`);
  if (results.failed > 0 && process.env.POSTMORTEM_VERBOSE === '1') console.error(server.log().slice(-6000));
  writeVerdict(results);
  removeScratch(scratch);
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`test:vscode: ${e.stack ?? e}`);
  writeVerdict({ passed: 0, failed: 1, pending: 0, failures: [{ title: 'in-VS Code runner', message: String(e.message ?? e) }] });
  process.exit(1);
});
