// Bundles the extension with esbuild: client (extension host, CJS), server (Node, CJS),
// the preview's page script (browser, IIFE) and the in-VS Code test suite.
// Type-checking is `npm run typecheck` (tsc --noEmit); esbuild only strips types.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { combineExtensionsOnce, executable } from './esbuildPlugins.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(await import('node:fs').then((fs) => fs.promises.readFile(path.join(root, 'package.json'), 'utf8')));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  plugins: [combineExtensionsOnce],
};

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' },
  // The server's analysis worker thread (parsing, model, validation under a time budget); server.js starts it.
  { ...common, entryPoints: { analysisWorker: 'server/src/analysisWorker.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: { webview: 'client/webview/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
  // The `postmortem` command line: one self-contained file a team's CI can vendor and run with Node 20 alone.
  { ...common, entryPoints: { cli: 'cli/bin.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
    banner: { js: '#!/usr/bin/env node' }, define: { POSTMORTEM_VERSION: JSON.stringify(pkg.version) },
    plugins: [combineExtensionsOnce, executable(path.join(root, 'dist/cli.js'))] },
];
// The import engine (turndown, domino, yauzl) as its own bundle, required by path only when Import Timeline runs
// (core/importers/bundle.ts): the extension's activation never loads it. The CLI bundles the engine itself.
builds.push({ ...common, entryPoints: { importers: 'core/importers/module.ts' }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' });
// Tracker adapters, one bundle each (dist/trackers/<kind>.js), required by path only when that tracker is used
// (core/trackers/load.ts): the extension's activation and the CLI's start never load them.
for (const kind of ['github', 'gitlab', 'jira', 'linear']) {
  builds.push({ ...common, entryPoints: { [`trackers/${kind}`]: `core/trackers/${kind}.ts` }, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' });
}
// The suite that runs inside VS Code (both runners load out/test/vscode/index.js).
if (!production) {
  builds.push({ ...common, entryPoints: { index: 'test/vscode/index.ts' }, outdir: 'out/test/vscode', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'] });
}

const existing = [];
for (const b of builds) {
  const entry = Object.values(b.entryPoints)[0];
  try { await import('node:fs').then((fs) => fs.promises.access(path.join(root, entry))); existing.push(b); }
  catch { console.warn(`build: skipping ${entry} (not written yet)`); }
}

if (watch) {
  for (const b of existing) (await esbuild.context(b)).watch();
} else {
  await Promise.all(existing.map((b) => esbuild.build(b)));
}
