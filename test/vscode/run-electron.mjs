// `npm run test:vscode:electron`: the same in-VS Code suite (out/test/vscode/index.js) through
// @vscode/test-electron, for machines that can download VS Code desktop (it cannot be downloaded on the
// project's own machines, where `npm run test:vscode` runs the suite in code-server instead; this runner is
// not part of `npm test`). Same verdict: the results file index.ts writes ($POSTMORTEM_RESULTS, passed to the
// extension host through extensionTestsEnv), printed and copied like run-code-server.mjs does.
// Set POSTMORTEM_VSCODE_VERSION to pick a VS Code version (default: 'stable'); VSCODE_EXECUTABLE to use an installed one.
import fs from 'node:fs';
import path from 'node:path';
import { build, copyWorkspace, makeScratch, removeScratch, root } from './harness-server.mjs';

async function main() {
  const { runTests } = await import('@vscode/test-electron');
  build();
  const bundle = path.join(root, 'out/test/vscode/index.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} was not built`);
  const scratch = makeScratch('electron');
  const workspace = copyWorkspace(scratch.workspace);
  const resultsFile = path.join(scratch.base, 'results.json');
  const options = {
    extensionDevelopmentPath: root,
    extensionTestsPath: bundle,
    extensionTestsEnv: { POSTMORTEM_RESULTS: resultsFile },
    launchArgs: [workspace, '--disable-workspace-trust', '--user-data-dir', scratch.ud, '--extensions-dir', scratch.ext, '--skip-welcome', '--skip-release-notes'],
  };
  if (process.env.VSCODE_EXECUTABLE) options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  else options.version = process.env.POSTMORTEM_VSCODE_VERSION ?? 'stable';
  let exitCode = 1;
  try {
    exitCode = await runTests(options);
  } catch (e) {
    console.error(`test:vscode:electron: VS Code did not run: ${e.message ?? e}`);
  }
  let results = null;
  try { results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')); } catch { /* none */ }
  if (!results) {
    results = { passed: 0, failed: 1, pending: 0, failures: [{ title: 'in-VS Code suite (electron)', message: `no results file (VS Code exit ${exitCode})` }], log: [] };
  }
  console.log((results.log ?? []).join('\n'));
  console.log(`test:vscode:electron: ${results.passed} passed, ${results.failed} failed`);
  const out = process.env.POSTMORTEM_RESULTS;
  if (out) {
    const { log: _log, ...summary } = results;
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(`${out}.tmp`, JSON.stringify(summary, null, 2));
    fs.renameSync(`${out}.tmp`, out);
  }
  removeScratch(scratch);
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
