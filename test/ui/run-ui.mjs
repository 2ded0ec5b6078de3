// `npm run test:ui`: UI tests against the real VS Code workbench (code-server's VS Code 1.100.3, headless
// Chromium via playwright-core). The extension is installed the way a user gets it: the repo is built and
// packed with vsce into a .vsix, which the bundled server's own `--install-extension` unpacks into
// --extensions-dir BEFORE the server starts (it writes extensions.json at start). Each scenario of
// scenarios.mjs runs in a fresh browser context on a temp copy of test/fixtures/workspace. Screenshots go to
// test-results/screenshots/*.png. Results: { passed, failed, pending, failures } in $POSTMORTEM_RESULTS.
// Only scenario names given as arguments run: `npm run test:ui -- timeline-preview`.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  build, copyWorkspace, launchBrowser, makeScratch, removeScratch, root, serverMain, startServer, workbenchUrl,
} from '../vscode/harness-server.mjs';
import { DIALOG_RECORDER, openWorkbench, screenshot } from './harness.mjs';
import { scenarios } from './scenarios.mjs';

const SCENARIO_TIMEOUT_MS = Number(process.env.POSTMORTEM_UI_TIMEOUT_MS ?? 120_000);
const results = { passed: 0, failed: 0, pending: 0, failures: [] };

function writeResults() {
  const out = process.env.POSTMORTEM_RESULTS;
  if (!out) return;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${out}.tmp`, out);
}

/** Builds, packs a .vsix into the scratch folder and installs it into scratch.ext with the server's CLI. */
function installExtension(scratch) {
  build();
  const vsix = path.join(scratch.base, 'postmortem.vsix');
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  const pack = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--baseImagesUrl', 'https://example.invalid/', '--out', vsix], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (pack.status !== 0) throw new Error(`vsce package failed:\n${(pack.stdout + pack.stderr).slice(-2000)}`);
  const inst = spawnSync(process.execPath, [serverMain, '--install-extension', vsix, '--extensions-dir', scratch.ext,
    '--user-data-dir', scratch.ud, '--server-data-dir', scratch.sd, '--accept-server-license-terms'],
  { cwd: scratch.base, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: scratch.tmp, XDG_CONFIG_HOME: scratch.xdg } });
  const installed = fs.readdirSync(scratch.ext).find((d) => /^postmortem-tools\.postmortem-/.test(d));
  if (inst.status !== 0 || !installed) throw new Error(`--install-extension failed (exit ${inst.status}):\n${(inst.stdout + inst.stderr).slice(-2000)}`);
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/webview.js']) {
    if (!fs.existsSync(path.join(scratch.ext, installed, f))) throw new Error(`the installed extension has no ${f} (not built?)`);
  }
  return installed;
}

function prepareWorkspace(scratch) {
  const ws = copyWorkspace(scratch.workspace);
  const source = path.join(ws, 'postmortems/incident-2024-05-01-postmortem.md');
  // One copy per scenario that edits, so scenarios never see each other's changes.
  fs.copyFileSync(source, path.join(ws, 'postmortems/ui-quickfix.md'));
  fs.copyFileSync(source, path.join(ws, 'postmortems/ui-preview.md'));
  return ws;
}

async function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); });
  try { return await Promise.race([promise, t]); } finally { clearTimeout(timer); }
}

async function main() {
  const only = process.argv.slice(2);
  const chosen = scenarios.filter((s) => only.length === 0 || only.includes(s.name));
  const scratch = makeScratch('ui');
  fs.rmSync(path.join(root, 'test-results/screenshots'), { recursive: true, force: true });
  let server;
  let browserHandle;
  try {
    const installed = installExtension(scratch);
    console.log(`test:ui: installed ${installed} from a freshly packed .vsix`);
    const workspace = prepareWorkspace(scratch);
    server = await startServer(scratch);
    browserHandle = await launchBrowser(scratch);
    const url = workbenchUrl(server.port, workspace);
    for (const s of chosen) {
      const context = await browserHandle.browser.newContext({ viewport: { width: 1400, height: 900 } });
      await context.addInitScript(DIALOG_RECORDER);
      const page = await context.newPage();
      const consoleLines = [];
      page.on('console', (m) => consoleLines.push(m.text()));
      const t0 = Date.now();
      try {
        await withTimeout((async () => { await openWorkbench(page, url); await s.run({ page, workspace, consoleLines, server }); })(), SCENARIO_TIMEOUT_MS, s.name);
        results.passed++;
        console.log(`  ✔ ${s.title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        results.failed++;
        results.failures.push({ title: `UI: ${s.title}`, message: String(e.message ?? e) });
        const shot = await screenshot(page, `FAILED-${s.name}`).catch(() => null);
        console.log(`  ✘ ${s.title}\n      ${String(e.stack ?? e).split('\n').slice(0, 6).join('\n      ')}${shot ? `\n      screenshot: ${path.relative(root, shot)}` : ''}`);
      } finally {
        await context.close().catch(() => {});
      }
    }
  } catch (e) {
    results.failed++;
    results.failures.push({ title: 'UI harness', message: String(e.message ?? e) });
    console.error(`test:ui: ${e.stack ?? e}`);
    if (server) console.error('--- server log (tail) ---\n' + server.log().slice(-4000));
  } finally {
    if (browserHandle) await browserHandle.stop();
    if (server) server.stop();
  }
  console.log(`test:ui: ${results.passed} passed, ${results.failed} failed; screenshots in test-results/screenshots/`);
  writeResults();
  removeScratch(scratch);
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  results.failed++;
  results.failures.push({ title: 'UI runner', message: String(e.message ?? e) });
  writeResults();
  process.exit(1);
});
