// `npm run demo` (after `npm run package` built dist/postmortem.vsix): installs that .vsix into a fresh
// extensions folder of code-server's bundled VS Code server, opens a sample postmortem (a temp copy of
// test/fixtures/workspace) in the real workbench with headless Chromium, opens the Problems panel and the
// timeline preview, saves screenshots to dist/demo/*.png and prints what the language server reported.
// Then runs the same core from the command line: `postmortem check` and a dry run of `postmortem tickets`.
// Exits 0 only if diagnostics appeared and the command line ran. Needs `bash scripts/setup-code-server.sh` once (npm test runs it).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  copyWorkspace, launchBrowser, makeScratch, removeScratch, root, serverMain, startServer, waitFor, workbenchUrl,
} from '../test/vscode/harness-server.mjs';
import { frameText, frameWith, openProblems, openWorkbench, problemsRows, quickOpen, runCommand } from '../test/ui/harness.mjs';

const vsix = path.join(root, 'dist/postmortem.vsix');
const outDir = path.join(root, 'dist/demo');
const SAMPLE = 'incident-2024-05-01-postmortem.md';

async function main() {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first (\`npm run demo\` does)`);
  if (!fs.existsSync(serverMain)) {
    const r = spawnSync('bash', [path.join(root, 'scripts/setup-code-server.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('scripts/setup-code-server.sh failed');
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const scratch = makeScratch('demo');
  const inst = spawnSync(process.execPath, [serverMain, '--install-extension', vsix, '--extensions-dir', scratch.ext,
    '--user-data-dir', scratch.ud, '--server-data-dir', scratch.sd, '--accept-server-license-terms'],
  { cwd: scratch.base, encoding: 'utf8', env: { ...process.env, TMPDIR: scratch.tmp, XDG_CONFIG_HOME: scratch.xdg } });
  if (inst.status !== 0) throw new Error(`installing the .vsix failed:\n${inst.stdout}${inst.stderr}`);
  console.log(`demo: installed ${path.relative(root, vsix)} (${fs.readdirSync(scratch.ext).filter((d) => !d.endsWith('.json')).join(', ')})`);
  // Only the sample (and the workspace settings) in the demo's workspace, so the screenshots show one postmortem.
  const fixtures = path.join(root, 'test/fixtures/workspace');
  fs.mkdirSync(path.join(scratch.workspace, 'postmortems'), { recursive: true });
  fs.copyFileSync(path.join(fixtures, 'postmortems', SAMPLE), path.join(scratch.workspace, 'postmortems', SAMPLE));
  const workspace = copyWorkspace(scratch.workspace, null); // settings only

  const server = await startServer(scratch);
  const { page, stop } = await launchBrowser(scratch, { viewport: { width: 1600, height: 1000 } });
  let rows = [];
  const shots = [];
  const shot = async (name) => { const f = path.join(outDir, `${name}.png`); await page.screenshot({ path: f }); shots.push(f); };
  try {
    await openWorkbench(page, workbenchUrl(server.port, workspace));
    await quickOpen(page, SAMPLE);
    await runCommand(page, 'View: Close Other Editors in Group').catch(() => {}); // the web "Walkthrough" tab
    await openProblems(page);
    rows = await waitFor(async () => { const r = await problemsRows(page); return r.some((t) => /postmortem/i.test(t)) ? r : null; },
      { timeout: 60_000, what: 'postmortem diagnostics in the Problems panel' }).catch(async (e) => { console.error(`demo: ${e.message}`); return problemsRows(page); });
    await shot('problems');
    await runCommand(page, 'Postmortem: Open Timeline Preview');
    const frame = await frameWith(page, 'li.entry', 30_000).catch(() => null);
    if (frame) await waitFor(async () => /Deploy of checkout-api/.test(await frameText(frame)), { timeout: 15_000, what: 'the preview' }).catch(() => {});
    else console.error('demo: the timeline preview did not show entries');
    await shot('overview');
  } finally {
    await stop();
    server.stop();
    removeScratch(scratch);
  }
  // A diagnostic's row reads "<message><source><code>[Ln N, Col M]"; the file's own row has no position.
  const diagnostics = rows.map((t) => /^(.*?)(postmortem)\(?([a-z-]+)\)?\s*\[Ln (\d+), Col (\d+)\]\s*$/s.exec(t.replace(/\s+/g, ' ').trim())).filter(Boolean);
  console.log(`\nThe language server reported ${diagnostics.length} problem(s) on ${SAMPLE} (Problems panel):`);
  for (const [, message, source, code, line, col] of diagnostics) console.log(`  line ${line}:${col}  ${source}(${code})  ${message.trim()}`);
  console.log(`\nScreenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
  const cliOk = showCommandLine();
  return diagnostics.length > 0 && cliOk ? 0 : 1;
}

/**
 * The same core from the command line (dist/cli.js, no VS Code): the checks CI runs, and the plan of tickets the
 * action items would become (a dry run: no tracker is contacted, no token needed).
 */
function showCommandLine() {
  const cli = path.join(root, 'dist/cli.js');
  // Under dist/demo, not os.tmpdir(): the VS Code part pointed TMPDIR at its scratch folder, removed by now.
  const dir = path.join(outDir, 'cli-workspace');
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.mkdirSync(path.join(dir, 'postmortems'), { recursive: true });
    fs.copyFileSync(path.join(root, 'test/fixtures/workspace/postmortems', SAMPLE), path.join(dir, 'postmortems', SAMPLE));
    let ok = true;
    for (const args of [['check'], ['tickets', `postmortems/${SAMPLE}`, '--tracker', 'github', '--repo', 'acme/checkout', '--dry-run']]) {
      console.log(`\n$ postmortem ${args.join(' ')}`);
      const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      // check exits 1 only for error-level findings; the dry run exits 0.
      if (r.status === null || r.status > 1) ok = false;
    }
    return ok;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => { console.error(`demo: ${e.stack ?? e}`); process.exit(1); });
