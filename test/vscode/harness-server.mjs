// Shared by the code-server runner (test/vscode), the UI tests (test/ui) and the demo (scripts/demo.mjs):
// start code-server's bundled VS Code server and a headless Chromium, open the workbench, clean up.
// See shared docs "real-vscode.md" (verified on these machines) for why each flag is there.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const vscodeDir = path.join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode');
export const serverMain = path.join(vscodeDir, 'out/server-main.js');
export const fixtureWorkspace = path.join(root, 'test/fixtures/workspace');
export const CHROMIUM = process.env.POSTMORTEM_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Throws a clear message when code-server or Chromium is not installed. */
export function checkInstalled() {
  if (!fs.existsSync(serverMain)) throw new Error(`${serverMain} is missing: run \`bash scripts/setup-code-server.sh\` first`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash scripts/setup-code-server.sh\` (installs Debian's chromium)`);
}

/** Polls `check` (sync or async; truthy ends it) every `interval` ms until `timeout` ms; returns its value or throws. */
export async function waitFor(check, { timeout = 30_000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) { lastError = e; }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * A scratch folder for one run: user data, server data, extensions, TMPDIR and XDG_CONFIG_HOME (so the
 * server's *.sock files and Chromium's profile stay out of the machine), and a copy of the test workspace.
 * Sets this process's TMPDIR too, so playwright's own temp profile lands there.
 */
export function makeScratch(name) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `postmortem-${name}-`));
  const dirs = { base };
  for (const d of ['ud', 'sd', 'ext', 'tmp', 'xdg', 'workspace']) {
    dirs[d] = path.join(base, d);
    fs.mkdirSync(dirs[d], { recursive: true });
  }
  process.env.TMPDIR = dirs.tmp;
  process.env.XDG_CONFIG_HOME = dirs.xdg;
  return dirs;
}

/**
 * Copies the fixture workspace (so tests never dirty the repo) and forces files.autoSave off: the web workbench
 * auto-saves about a second after each edit, which would let a preview that refreshes only on save pass.
 */
export function copyWorkspace(dest, src = fixtureWorkspace) {
  if (src) fs.cpSync(src, dest, { recursive: true }); // null: only write the settings
  const settingsFile = path.join(dest, '.vscode/settings.json');
  let settings = {};
  try { settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')); } catch { /* none yet */ }
  settings['files.autoSave'] = 'off';
  // No welcome page over the editors in tests and screenshots.
  settings['workbench.startupEditor'] ??= 'none';
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  return dest;
}

/** Runs scripts/build.mjs (a second or two) so the bundles the tests load are never stale. */
export function build(args = []) {
  if (process.env.POSTMORTEM_SKIP_BUILD === '1') return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), ...args], { cwd: root, stdio: 'inherit' });
  // A failing build fails `npm test` on its own (its build step); here it only warns, so the suites still
  // run against whatever bundles exist (the runner checks that the one it needs is there).
  if (r.status !== 0) console.warn(`build failed (exit ${r.status}); continuing with the bundles that exist`);
}

/**
 * Starts the VS Code server detached, in its own process group, logging to `<scratch>/server.log`.
 * Resolves once it answers HTTP. `stop()` ends the whole group (the fileWatcher child too).
 */
export async function startServer(scratch, { port, env = {}, extraArgs = [] } = {}) {
  checkInstalled();
  port ??= await freePort();
  const logFile = path.join(scratch.base, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--disable-workspace-trust', '--user-data-dir', scratch.ud,
    '--server-data-dir', scratch.sd, '--extensions-dir', scratch.ext, ...extraArgs];
  const child = spawn(process.execPath, args, {
    cwd: scratch.base, detached: true, stdio: ['ignore', out, out],
    env: { ...process.env, TMPDIR: scratch.tmp, XDG_CONFIG_HOME: scratch.xdg, ...env },
  });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const server = {
    port, pid: child.pid, logFile, child,
    log: () => { try { return fs.readFileSync(logFile, 'utf8'); } catch { return ''; } },
    exited: () => exited,
    stop: () => killGroup(child.pid),
  };
  registerCleanup(server.stop);
  await waitFor(async () => {
    if (exited) throw new Error(`server exited early (${JSON.stringify(exited)}):\n${server.log().slice(-3000)}`);
    const res = await fetch(`http://127.0.0.1:${port}/version`).catch(() => null);
    return res !== null;
  }, { timeout: 60_000, what: `the VS Code server on port ${port}` }).catch((e) => { server.stop(); throw e; });
  return server;
}

export function killGroup(pid) {
  if (!pid) return;
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
}

const cleanups = [];
let cleanupHooked = false;
export function registerCleanup(fn) {
  cleanups.push(fn);
  if (cleanupHooked) return;
  cleanupHooked = true;
  const runAll = () => { for (const f of cleanups.splice(0)) { try { f(); } catch { /* best effort */ } } };
  process.on('exit', runAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { runAll(); process.exit(130); });
}

/**
 * Headless Chromium through playwright-core's launchServer (it gives the browser's pid, so its process group
 * can be ended even if close() hangs). Returns { browser, page, stop }.
 */
export async function launchBrowser(scratch, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const bs = await chromium.launchServer({
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    env: { ...process.env, TMPDIR: scratch.tmp, XDG_CONFIG_HOME: scratch.xdg, HOME: process.env.HOME ?? scratch.base },
  });
  const pid = bs.process().pid;
  registerCleanup(() => killGroup(pid));
  const browser = await chromium.connect(bs.wsEndpoint());
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const stop = async () => {
    await Promise.race([(async () => { await browser.close().catch(() => {}); await bs.close().catch(() => {}); })(),
      new Promise((r) => setTimeout(r, 5000).unref())]);
    killGroup(pid);
  };
  return { browser, context, page, stop };
}

/** The workbench URL for a folder, with an optional extension-development payload. */
export function workbenchUrl(port, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Removes a scratch folder unless POSTMORTEM_KEEP_SCRATCH=1 (then prints where it is). */
export function removeScratch(scratch) {
  if (process.env.POSTMORTEM_KEEP_SCRATCH === '1') { console.log(`scratch kept: ${scratch.base}`); return; }
  fs.rmSync(scratch.base, { recursive: true, force: true, maxRetries: 3 });
}
