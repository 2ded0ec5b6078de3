/**
 * Entry point of the suite that runs INSIDE VS Code. Both runners load the bundle
 * out/test/vscode/index.js as `extensionTestsPath` and call `run()`:
 * - test/vscode/run-code-server.mjs (code-server's bundled VS Code server + headless Chromium; `npm run test:vscode`),
 * - test/vscode/run-electron.mjs (@vscode/test-electron; `npm run test:vscode:electron`).
 *
 * The extension host exits with code 0 even when run() throws, so the verdict is a results file
 * `{ passed, failed, pending, failures: [{ title, message }], log: string[] }`, written atomically
 * (temporary name + rename). Where it goes:
 * 1. `$POSTMORTEM_RESULTS` when the extension host has it in its environment (the electron runner passes
 *    it through `extensionTestsEnv`; the code-server runner sets it on the server, whose extension host
 *    usually inherits it);
 * 2. else the path written in `results-path.txt` BESIDE THIS BUNDLE (out/test/vscode/results-path.txt):
 *    the code-server runner writes it before it opens the workbench, because nothing guarantees that the
 *    extension host spawned for a browser connection inherits the server's environment;
 * 3. else `<first workspace folder>/.postmortem-test-results.json` (runners use a temp copy of the workspace).
 * `log` holds the spec-style output lines, which the runners print (the host's own stdout goes to a log).
 */
import './harness-mocha';
import './server-features.test';
import './commands.test';
import './preview.test';
import './staleEdits.test';
import './importTimeline.test';
import './tickets.test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mocha } from './harness-mocha';
import { ResultsRecorder, type Results } from './harness-results';

function resultsPath(): string {
  const fromEnv = process.env.POSTMORTEM_RESULTS;
  if (fromEnv) return fromEnv;
  const beside = path.join(__dirname, 'results-path.txt');
  if (fs.existsSync(beside)) {
    const p = fs.readFileSync(beside, 'utf8').trim();
    if (p) return p;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder && folder.uri.scheme === 'file') return path.join(folder.uri.fsPath, '.postmortem-test-results.json');
  return path.join(__dirname, 'results.json');
}

function writeResults(file: string, results: Results): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

export async function run(): Promise<void> {
  const file = resultsPath();
  const recorder = new ResultsRecorder();
  try {
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      recorder.attach(runner);
    });
    writeResults(file, recorder.results);
    if (failures > 0) throw new Error(`${failures} test(s) failed`);
  } catch (err) {
    // A crash of the run itself (not a failing test) still leaves a verdict behind.
    if (!fs.existsSync(file)) {
      recorder.results.failed++;
      recorder.results.failures.push({ title: 'in-VS Code suite', message: String((err as Error)?.stack ?? err) });
      writeResults(file, recorder.results);
    }
    throw err;
  }
}
