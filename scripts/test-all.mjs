// `npm test`: every suite, one verdict. Builds, type-checks, runs each suite with its results
// written to test-results/<suite>.json, and ends with the single line `N passed, N failed`
// that sums them all (a suite that leaves no results file counts as one failure).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const resultsDir = path.join(root, 'test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const only = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Steps that must succeed but hold no tests of their own. */
const prerequisites = [
  // Installs what the in-VS Code suites need (apt packages when missing, code-server under .vscode-test/).
  ['setup', ['bash', 'scripts/setup-code-server.sh']],
  ['build', [npm, 'run', 'build']],
  ['typecheck', [npm, 'run', 'typecheck']],
];
/** Suites: each writes test-results/<name>.json through its reporter or runner. */
const suites = [
  ['unit', [npm, 'run', 'test:unit']],
  ['corpus', [npm, 'run', 'test:corpus']],
  ['protocol', [npm, 'run', 'test:protocol']],
  ['cli', [npm, 'run', 'test:cli']],
  ['trackers', [npm, 'run', 'test:trackers']],
  ['package', [npm, 'run', 'test:package']],
  ['vscode', [npm, 'run', 'test:vscode']],
  ['ui', [npm, 'run', 'test:ui']],
].filter(([name]) => only.length === 0 || only.includes(name));

let passed = 0;
let failed = 0;
const lines = [];

for (const [name, [cmd, ...args]] of prerequisites) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { failed++; lines.push(`${name}: FAILED (exit ${r.status})`); }
}

for (const [name, [cmd, ...args]] of suites) {
  console.log(`\n=== ${name} ===`);
  const out = path.join(resultsDir, `${name}.json`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, POSTMORTEM_RESULTS: out } });
  let res;
  try { res = JSON.parse(fs.readFileSync(out, 'utf8')); } catch { res = null; }
  if (!res) {
    failed++;
    lines.push(`${name}: no results (exit ${r.status}) - counted as 1 failure`);
    continue;
  }
  passed += res.passed;
  failed += res.failed;
  if (r.status !== 0 && res.failed === 0) { failed++; lines.push(`${name}: exited ${r.status} with no failing test - counted as 1 failure`); }
  lines.push(`${name}: ${res.passed} passed, ${res.failed} failed${res.pending ? `, ${res.pending} pending` : ''}`);
  for (const f of res.failures ?? []) lines.push(`  x ${f.title}: ${String(f.message).split('\n')[0]}`);
}

console.log('\n=== summary ===');
for (const l of lines) console.log(l);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
