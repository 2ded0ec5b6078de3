// `npm run bench`: latency of the language server as an editor feels it.
// Starts dist/server.js over stdio, opens a typical (~24 KB, 100 timeline rows) and a large
// (~300 KB, 2,000 rows) postmortem, and measures didChange -> publishDiagnostics for single-character
// edits (insert, then delete) in the timeline and in prose, and completion latency at a timeline row.
// For comparison it times a full remark parse of the same text (parseFull, bundled on the fly).
// Writes .bench/results.json; `--profile` also writes a CPU profile of the server to .bench/prof/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import rpc from 'vscode-languageserver-protocol/node.js';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = rpc;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, '.bench');
const args = process.argv.slice(2);
const profile = args.includes('--profile');
const EDITS = Number(args.find((a) => a.startsWith('--edits='))?.slice(8) ?? 200);
const COMPLETIONS = Number(args.find((a) => a.startsWith('--completions='))?.slice(14) ?? 200);
fs.mkdirSync(out, { recursive: true });

// ---------- documents ----------
const EVENTS = [
  'Deploy of checkout-api started by the release pipeline',
  'Error rate on checkout-api rose above 2% in eu-west-1',
  'Alert fired: checkout error rate above 5% for 5 minutes',
  'On-call engineer acknowledged the page and opened the incident channel',
  'Incident commander assigned; status page updated to investigating',
  'Database connection pool saturation seen on the primary dashboard',
  'Rollback of checkout-api to the previous release started',
  'Error rate back under 1%; monitoring for recurrence',
  'Customer support reported a spike of failed payment tickets',
  'Config diff reviewed: pool size lowered from 50 to 5 in the release',
];

function pad(n) { return String(n).padStart(2, '0'); }

function postmortem(rows, items, proseParagraphs) {
  const lines = [
    '---',
    'title: Checkout API connection pool exhaustion',
    'id: INC-2024-0501',
    'severity: SEV2',
    'status: in review',
    'owner: "@alice"',
    'date: 2024-05-01',
    'timezone: UTC',
    'participants: ["@alice", "@bob", "@carol"]',
    'services: [checkout-api, payments-db]',
    'started: 2024-05-01 14:03',
    'detected: 2024-05-01 14:21',
    'mitigated: 2024-05-01 14:40',
    'resolved: 2024-05-01 15:27',
    '---',
    '',
    '# Checkout API connection pool exhaustion',
    '',
    '## Summary',
    '',
  ];
  const prose = 'Checkout requests failed for 84 minutes because the database connection pool of checkout-api was exhausted after a configuration change lowered its size. The rollback restored service; a follow-up change made pool settings part of the canary checks.';
  for (let i = 0; i < proseParagraphs; i++) lines.push(prose, '');
  lines.push('## Impact', '', 'About 12% of checkout requests failed between 14:03 and 15:27 UTC (84 minutes); 3,400 customers saw an error and an estimated $41,000 of orders were delayed.', '');
  lines.push('## Timeline', '', 'All times UTC.', '', '| Time | Event |', '| ---- | ----- |');
  const start = 14 * 60 + 3;
  for (let i = 0; i < rows; i++) {
    const minute = start + Math.floor((i * 84) / Math.max(rows, 1));
    const day = 1 + Math.floor(minute / 1440);
    const m = minute % 1440;
    const time = rows > 200 ? `2024-05-${pad(day)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}` : `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
    lines.push(`| ${time} | ${EVENTS[i % EVENTS.length]} (step ${i + 1}) |`);
  }
  lines.push('');
  for (const [title, count] of [['Contributing factors', 3], ['Detection', 2], ['Response', 2], ['Resolution', 2], ['Lessons learned', 2], ['What went well', 1], ['What went wrong', 1], ['Where we got lucky', 1]]) {
    lines.push(`## ${title}`, '');
    for (let i = 0; i < count * proseParagraphs; i++) lines.push(prose, '');
  }
  lines.push('## Action items', '');
  const types = ['prevent', 'detect', 'mitigate', 'process'];
  for (let i = 0; i < items; i++) {
    // One in seven has no owner, as in real drafts (an action-item-fields diagnostic).
    const owner = i % 7 === 3 ? '' : `owner: @${['alice', 'bob', 'carol'][i % 3]}, `;
    lines.push(`- [ ] Follow-up ${i + 1}: add pool saturation alerting for service ${i + 1} (${owner}due: 2024-05-${pad(10 + (i % 18))}, type: ${types[i % 4]}, priority: P${1 + (i % 3)}, ticket: OPS-${100 + i})`);
  }
  lines.push('', '## Supporting information', '', '- Dashboard: https://grafana.example.invalid/d/checkout', '');
  return lines.join('\n');
}

const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const allDocs = [
  { name: 'typical', text: postmortem(100, 15, 4), rows: 100 },
  { name: 'large', text: postmortem(2000, 80, 27), rows: 2000 },
];
const docs = allDocs.filter((d) => !only || d.name === only);

// ---------- statistics ----------
function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const r = (x) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

// ---------- full parse (for comparison) ----------
async function fullParseTimes() {
  const entry = path.join(root, 'server/src/service/parse.ts');
  if (!fs.existsSync(entry)) return null;
  const bundle = path.join(out, 'parse.mjs');
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'error', absWorkingDir: root });
  const { parseFull } = await import(pathToFileURL(bundle).href + `?t=${Date.now()}`);
  const result = {};
  for (const doc of docs) {
    const runs = doc.name === 'large' ? 20 : 60;
    for (let i = 0; i < 3; i++) parseFull(doc.text); // warm-up
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      parseFull(doc.text);
      times.push(performance.now() - t);
    }
    result[doc.name] = stats(times);
  }
  return result;
}

// ---------- server ----------
const server = path.join(root, 'dist/server.js');
if (!fs.existsSync(server)) throw new Error('dist/server.js missing: run `npm run build`');
const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(out, 'prof')}`] : [];
const child = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiters = new Map();
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  const key = `${p.uri}#${p.version}`;
  const w = waiters.get(key);
  if (w) { waiters.delete(key); w(p); }
});
conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
conn.onRequest('client/registerCapability', () => null);
let hop = null;
conn.onNotification('window/logMessage', (p) => {
  if (p.type <= 2) console.error(`[server] ${p.message.slice(0, 300)}`);
  // The server's own account of what the hop to its analysis workers costs (round trip minus work), at shutdown.
  const m = /analysis hop: p50 ([\d.]+) ms, p95 ([\d.]+) ms over (\d+) jobs/.exec(p.message);
  if (m) hop = { p50: Number(m[1]), p95: Number(m[2]), jobs: Number(m[3]) };
});
conn.listen();

function published(uri, version) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${uri} v${version}`)), 60000);
    waiters.set(`${uri}#${version}`, (p) => { clearTimeout(timer); resolve(p); });
  });
}

const folder = 'file:///bench';
await conn.sendRequest('initialize', {
  processId: process.pid,
  rootUri: folder,
  workspaceFolders: [{ uri: folder, name: 'bench' }],
  capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  initializationOptions: { trusted: true },
});
await conn.sendNotification('initialized', {});

function positionOf(text, needle, delta = 0) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`bench: ${needle} not found`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

const results = { date: new Date().toISOString(), node: process.version, edits: EDITS, documents: {}, fullParse: null, targets: [] };

for (const doc of docs) {
  const uri = `${folder}/postmortems/${doc.name}.md`;
  let version = 1;
  const tOpen = performance.now();
  const first = published(uri, version);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text: doc.text } });
  const open = await first;
  const openMs = performance.now() - tOpen;
  const mid = Math.floor(doc.rows / 2);
  const sites = {
    timeline: positionOf(doc.text, `(step ${mid + 1})`, 1),
    prose: positionOf(doc.text, 'because the database', 7),
  };
  const edits = { timeline: [], prose: [] };
  for (let i = 0; i < EDITS; i++) {
    const site = i % 4 < 2 ? 'timeline' : 'prose';
    const at = sites[site];
    const insert = i % 2 === 0;
    version++;
    const change = insert
      ? { range: { start: at, end: at }, text: 'x' }
      : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    const wait = published(uri, version);
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await wait;
    edits[site].push(performance.now() - t);
  }
  // Completion at the start of a timeline row's time cell, and after its text.
  const row = positionOf(doc.text, `(step ${mid})`, 0);
  const completions = [];
  let items = 0;
  for (let i = 0; i < COMPLETIONS; i++) {
    const position = i % 2 === 0 ? { line: row.line, character: 2 } : row;
    const t = performance.now();
    const r = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    completions.push(performance.now() - t);
    items = Math.max(items, Array.isArray(r) ? r.length : (r?.items?.length ?? 0));
  }
  const all = [...edits.timeline, ...edits.prose];
  results.documents[doc.name] = {
    chars: doc.text.length,
    timelineRows: doc.rows,
    diagnosticsOnOpen: open.diagnostics.length,
    diagnosticCodes: [...new Set(open.diagnostics.map((d) => d.code))],
    openMs: Math.round(openMs * 100) / 100,
    edit: stats(all),
    editTimeline: stats(edits.timeline),
    editProse: stats(edits.prose),
    completion: { ...stats(completions), items },
  };
  await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

results.fullParse = await fullParseTimes().catch((e) => ({ error: String(e) }));

const d = results.documents;
const target = (name, value, limit) => {
  if (value !== undefined) results.targets.push({ name, value, limit, verdict: value <= limit ? 'PASS' : 'MISS' });
};
target('typical edit p50 (ms)', d.typical?.edit.p50, 10);
target('typical edit p95 (ms)', d.typical?.edit.p95, 25);
target('large edit p95 (ms)', d.large?.edit.p95, 50);
target('completion p95, typical (ms)', d.typical?.completion.p95, 10);
target('completion p95, large (ms)', d.large?.completion.p95, 10);

await conn.sendRequest('shutdown');
await conn.sendNotification('exit');
await new Promise((resolve) => child.once('exit', resolve));
conn.dispose();

results.workerHop = hop;
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const fmt = (s) => `p50 ${s.p50.toFixed(2)}  p95 ${s.p95.toFixed(2)}  max ${s.max.toFixed(2)} ms (n=${s.n})`;
for (const [name, r] of Object.entries(d)) {
  console.log(`\n${name}: ${(r.chars / 1024).toFixed(0)} KB, ${r.timelineRows} timeline rows, ${r.diagnosticsOnOpen} diagnostics on open (${r.diagnosticCodes.join(', ')}), open ${r.openMs} ms`);
  console.log(`  edit -> diagnostics      ${fmt(r.edit)}`);
  console.log(`    in the timeline        ${fmt(r.editTimeline)}`);
  console.log(`    in prose               ${fmt(r.editProse)}`);
  console.log(`  completion (${r.completion.items} items)   ${fmt(r.completion)}`);
  if (results.fullParse?.[name]) console.log(`  full remark parse        ${fmt(results.fullParse[name])}`);
}
if (results.fullParse?.error) console.log(`\nfull parse: ${results.fullParse.error}`);
if (hop) console.log(`\nworker hop (round trip minus the worker's time): p50 ${hop.p50} ms, p95 ${hop.p95} ms over ${hop.jobs} jobs`);
console.log('\ntargets:');
for (const t of results.targets) console.log(`  ${t.verdict.padEnd(4)} ${t.name}: ${t.value} (≤ ${t.limit})`);
if (profile) summariseProfile();
console.log(`\nwrote ${path.relative(root, path.join(out, 'results.json'))}${profile ? `; CPU profile in ${path.relative(root, path.join(out, 'prof'))}/` : ''}`);

// The command line's part: `postmortem check` over generated workspaces of 1,000 and 10,000 postmortems
// (scripts/bench-cli.mjs; `--no-cli` skips it, `--sizes=1000` picks the workspaces, `--rounds=N` the repeats).
if (!args.includes('--no-cli')) {
  const cliBench = spawnSync(process.execPath, [path.join(root, 'scripts/bench-cli.mjs'), ...args.filter((a) => a.startsWith('--sizes=') || a.startsWith('--rounds='))], { stdio: 'inherit' });
  if (cliBench.status !== 0) process.exitCode = cliBench.status ?? 1;
}

/** Prints where the server's CPU time went (inclusive, by function and bundled source file). */
function summariseProfile() {
  const dir = path.join(out, 'prof');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  const file = files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!file) return;
  // esbuild marks each bundled module with a `// path` comment: map bundle lines to source files.
  const marks = [];
  fs.readFileSync(server, 'utf8').split('\n').forEach((line, i) => { if (/^\/\/ \S+\.(ts|js|mjs|cjs)$/.test(line)) marks.push([i, line.slice(3)]); });
  const sourceOf = (line) => { let lo = 0, hi = marks.length - 1, best = '?'; while (lo <= hi) { const mid = (lo + hi) >> 1; if (marks[mid][0] <= line) { best = marks[mid][1]; lo = mid + 1; } else hi = mid - 1; } return best; };
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => { const dt = prof.timeDeltas[i] ?? 0; total += dt; self.set(id, (self.get(id) ?? 0) + dt); });
  const incl = new Map();
  const label = (n) => { const f = n.callFrame; return f.url.endsWith('server.js') ? `${f.functionName || '(anonymous)'} (${sourceOf(f.lineNumber)})` : f.functionName || f.url || '(program)'; };
  for (const [id, t] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(nodes.get(cur));
      if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t); }
    }
  }
  console.log(`\nserver CPU profile (${path.relative(root, file)}), inclusive time, top 30 of ${(total / 1000).toFixed(0)} ms:`);
  for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
}

// Importing a 200,000-message chat export (time and peak memory beside JSON.parse): scripts/bench-import.mjs.
await import('./bench-import.mjs');
