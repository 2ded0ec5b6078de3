// `npm run bench` (or `node scripts/bench-import.mjs [--messages=N]`): importing a large Slack export.
// Writes a workspace export with N messages (default 200,000: one channel, 1,000 messages a day) under .bench/,
// then, each in a fresh Node process so peak memory (max RSS) is its own:
//   - baseline: Node starting and exiting,
//   - JSON.parse: reading and parsing every day file, one at a time (the floor any reader pays), and the same
//     keeping every message (what a reader that holds the whole export pays),
//   - import (folder) and import (.zip): core/importers reading the export day by day (zip entries as streams),
//     converting every message to an entry (users resolved, mrkdwn to Markdown) and selecting the suggested ones.
// Prints time and peak memory of each beside JSON.parse and writes .bench/import-results.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, '.bench');
const args = process.argv.slice(2);
const MESSAGES = Number(args.find((a) => a.startsWith('--messages='))?.slice(11) ?? 200_000);
const PER_DAY = 1000;
const exportDir = path.join(out, `slack-export-${MESSAGES}`);
const zipFile = `${exportDir}.zip`;
fs.mkdirSync(out, { recursive: true });

// ---------- the export ----------
const WORDS = ['checkout', 'latency', 'is', 'up', 'looking', 'at', 'the', 'pool', 'graph', 'connections', 'saturated', 'ok', 'queue', 'db', 'p99', 'errors'];
const KEY = ['deployed', 'rolled back', 'paging', 'mitigated', 'resolved'];
function writeExport() {
  if (fs.existsSync(path.join(exportDir, '.complete'))) return;
  fs.rmSync(exportDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(exportDir, 'inc-big'), { recursive: true });
  const users = Array.from({ length: 50 }, (_, i) => ({ id: `U${1000 + i}`, name: `user${i}`, real_name: `User ${i}`, profile: { real_name: `User ${i}`, display_name: '' }, is_bot: false }));
  fs.writeFileSync(path.join(exportDir, 'users.json'), JSON.stringify(users));
  fs.writeFileSync(path.join(exportDir, 'channels.json'), JSON.stringify([{ id: 'C0BIG', name: 'inc-big', created: 1700000000, members: users.map((u) => u.id) }]));
  const start = Date.UTC(2024, 0, 1) / 1000;
  let n = 0;
  for (let day = 0; n < MESSAGES; day++) {
    const messages = [];
    for (let i = 0; i < PER_DAY && n < MESSAGES; i++, n++) {
      const ts = start + day * 86400 + Math.floor((i * 86400) / PER_DAY);
      const words = Array.from({ length: 12 }, (_, k) => WORDS[(n * 7 + k * 3) % WORDS.length]).join(' ') + (n % 50 === 0 ? ` ${KEY[n % KEY.length]}` : '');
      const m = { type: 'message', user: users[n % users.length].id, text: `<@${users[(n + 1) % users.length].id}> ${words} *${n}* <https://grafana.example.com/d/${n}|dash>`, ts: `${ts}.${String(n % 1e6).padStart(6, '0')}` };
      if (n % 97 === 0) m.reactions = [{ name: 'eyes', users: [users[0].id], count: 1 }];
      if (n % 10 === 3) { m.thread_ts = `${ts}.000000`; m.parent_user_id = users[0].id; }
      messages.push(m);
    }
    const date = new Date((start + day * 86400) * 1000).toISOString().slice(0, 10);
    fs.writeFileSync(path.join(exportDir, 'inc-big', `${date}.json`), JSON.stringify(messages, null, 1));
  }
  fs.writeFileSync(path.join(exportDir, '.complete'), '');
}
writeExport();
let zipped = fs.existsSync(zipFile);
if (!zipped) {
  const r = spawnSync('zip', ['-qr', '-X', zipFile, '.', '-x', '.complete'], { cwd: exportDir });
  zipped = r.status === 0;
}
const bytes = fs.readdirSync(path.join(exportDir, 'inc-big')).reduce((s, f) => s + fs.statSync(path.join(exportDir, 'inc-big', f)).size, 0);

// ---------- the engine, bundled as the CLI bundles it ----------
const bundle = path.join(out, 'importers.mjs');
await esbuild.build({
  stdin: { contents: "export { loadEntries } from './core/importers/load';\nexport { selectEntries } from './core/importers/select';\n", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'error', absWorkingDir: root,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// ---------- runs, each in its own process ----------
const drivers = {
  baseline: `process.stdout.write(JSON.stringify({ ms: 0, count: 0 }));`,
  jsonParse: `
    import fs from 'node:fs'; import path from 'node:path';
    const dir = ${JSON.stringify(path.join(exportDir, 'inc-big'))};
    const t = performance.now(); let count = 0;
    for (const f of fs.readdirSync(dir).sort()) count += JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).length;
    process.stdout.write(JSON.stringify({ ms: performance.now() - t, count }));`,
  jsonParseKeep: `
    import fs from 'node:fs'; import path from 'node:path';
    const dir = ${JSON.stringify(path.join(exportDir, 'inc-big'))};
    const t = performance.now(); const kept = [];
    for (const f of fs.readdirSync(dir).sort()) kept.push(...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    process.stdout.write(JSON.stringify({ ms: performance.now() - t, count: kept.length }));`,
  importFolder: importDriver(exportDir),
  ...(zipped ? { importZip: importDriver(zipFile) } : {}),
};
function importDriver(location) {
  return `
    const { loadEntries, selectEntries } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
    const t = performance.now(); let reports = 0;
    const { entries } = await loadEntries({ kind: 'slack', location: ${JSON.stringify(location)}, channel: 'inc-big', progress: () => { reports++; } });
    const suggested = selectEntries(entries, 'suggested').length;
    process.stdout.write(JSON.stringify({ ms: performance.now() - t, count: entries.length, suggested, reports }));`;
}

function runDriver(code) {
  const file = path.join(out, `bench-import-driver.mjs`);
  fs.writeFileSync(file, `${code}\nprocess.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS));\n`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench-import driver failed: ${r.stderr}`);
  const maxRssKb = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ...JSON.parse(r.stdout), peakMB: Math.round(maxRssKb / 1024) };
}

const results = { date: new Date().toISOString(), node: process.version, messages: MESSAGES, dayFiles: Math.ceil(MESSAGES / PER_DAY), megabytes: Math.round(bytes / 1048576), runs: {} };
for (const [name, code] of Object.entries(drivers)) results.runs[name] = runDriver(code);
fs.writeFileSync(path.join(out, 'import-results.json'), JSON.stringify(results, null, 2) + '\n');

const r = results.runs;
const ratio = (a, b) => (b ? (a / b).toFixed(1) : '-');
console.log(`\nimport: Slack export, ${MESSAGES.toLocaleString('en')} messages in ${results.dayFiles} day files (${results.megabytes} MB)`);
console.log(`  node alone                 peak ${r.baseline.peakMB} MB`);
console.log(`  JSON.parse of the files    ${r.jsonParse.ms.toFixed(0).padStart(6)} ms   peak ${r.jsonParse.peakMB} MB`);
console.log(`  JSON.parse, all kept       ${r.jsonParseKeep.ms.toFixed(0).padStart(6)} ms   peak ${r.jsonParseKeep.peakMB} MB`);
for (const name of ['importFolder', 'importZip']) {
  const x = r[name];
  if (!x) { console.log(`  ${name}: skipped (no zip tool)`); continue; }
  console.log(`  ${name === 'importFolder' ? 'import (folder)' : 'import (.zip)  '}            ${x.ms.toFixed(0).padStart(6)} ms   peak ${x.peakMB} MB   (${ratio(x.ms, r.jsonParse.ms)}x the time, ${ratio(x.peakMB - r.baseline.peakMB, r.jsonParse.peakMB - r.baseline.peakMB)}x the memory of JSON.parse above baseline; ${x.count} entries, ${x.suggested} suggested, ${x.reports} progress reports)`);
}
console.log(`wrote ${path.relative(root, path.join(out, 'import-results.json'))}`);
