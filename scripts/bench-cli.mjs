// `npm run bench` (CLI part; also `node scripts/bench-cli.mjs [--sizes=1000,10000]`): `postmortem check` over
// generated workspaces of realistic postmortems (2-20 KB, median about 6 KB, four shapes), beside a plain remark parse
// of the same files on one core in the same run. Reports the cold run (worker threads on every core, writing the
// cache), the warm run (same files, from the cache) and the peak memory (VmHWM of the CLI process, workers included).
// Writes .bench/cli-results.json. CPU times are given too: on a busy machine they say more than wall time.
// The machine may be busy with other work: the numbers say what this run saw.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, '.bench');
const cli = path.join(root, 'dist/cli.js');
const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1000,10000').split(',').map(Number);
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
if (!fs.existsSync(cli)) throw new Error('dist/cli.js missing: run `npm run build`');
fs.mkdirSync(out, { recursive: true });

// ---------- realistic postmortems ----------
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const pad = (n) => String(n).padStart(2, '0');
/** About lognormal around 6 KB, clamped to 2-20 KB. */
function targetSize() {
  const normal = Math.sqrt(-2 * Math.log(random() + 1e-9)) * Math.cos(2 * Math.PI * random());
  return Math.min(20_000, Math.max(2_000, Math.round(Math.exp(Math.log(6_000) + 0.5 * normal))));
}
const SERVICES = ['checkout-api', 'search', 'payments-db', 'auth', 'webhooks', 'cdn', 'queue-broker', 'billing'];
const EVENTS = ['Deploy started by the release pipeline', 'Error rate rose above 2%', 'Alert fired for elevated latency', 'On-call acknowledged the page',
  'Incident channel opened; status page updated', 'Rollback started', 'Error rate back to normal', 'Customer support reported failed requests',
  'Config change identified as the trigger', 'Cache warmed and traffic restored', 'Monitoring for recurrence', 'Incident resolved'];
const PROSE = ['The change reduced the connection pool size from 50 to 5, which was not caught by the canary because canary traffic was too low.',
  'About 12% of requests failed for 42 minutes; 3,400 customers saw an error and an estimated $18,000 of orders were delayed.',
  'Alerting fired 9 minutes after impact began; the dashboard showed saturation but nobody was watching it at the time.',
  'We rolled back the release, which restored service; a follow-up change makes pool settings part of the canary checks.',
  'The runbook did not mention this failure mode, so the on-call engineer spent time ruling out the database first.'];

function postmortem(i) {
  const size = targetSize();
  const shape = i % 4;
  const day = 1 + (i % 28);
  const month = 1 + (i % 12);
  const date = `2024-${pad(month)}-${pad(day)}`;
  const service = pick(SERVICES);
  const lines = [];
  if (shape === 0 || shape === 3) {
    lines.push('---', `title: ${service} incident ${i}`, `id: INC-${10000 + i}`, `severity: SEV${1 + (i % 3)}`, `status: ${pick(['draft', 'in review', 'final'])}`,
      `date: ${date}`, 'timezone: UTC', `started: ${date} 14:03`, `detected: ${date} 14:12`, `mitigated: ${date} 14:40`, `resolved: ${date} 15:27`, `services: [${service}]`, '---', '');
    if (shape === 3) lines.splice(1, 0, 'type: postmortem');
  }
  lines.push(`# ${service} incident ${i}`, '');
  if (shape === 1) lines.push(`**Severity:** SEV${1 + (i % 3)}`, `**Status:** draft`, `**Date:** ${date}`, '');
  lines.push('## Summary', '', pick(PROSE), '', '## Impact', '', PROSE[1], '');
  const rows = Math.max(5, Math.round(size / 400));
  lines.push(shape === 2 ? '## Timeline' : '## Timeline (UTC)', '');
  if (shape === 0 || shape === 3) lines.push('| Time | Event |', '| --- | --- |');
  for (let r = 0; r < rows; r++) {
    const minute = 14 * 60 + 3 + r * 3;
    const time = `${pad(Math.floor(minute / 60) % 24)}:${pad(minute % 60)}`;
    const event = `${EVENTS[r % EVENTS.length]} (${service}, step ${r + 1})`;
    if (shape === 0 || shape === 3) lines.push(`| ${time} | ${event} |`);
    else if (shape === 1) lines.push(`- ${time} UTC — ${event}`);
    else lines.push(`### ${time} UTC`, '', event, '');
  }
  lines.push('');
  for (const title of ['Contributing factors', 'Detection', 'Response', 'Resolution', 'Lessons learned']) {
    lines.push(`## ${title}`, '', pick(PROSE), '');
    if (lines.join('\n').length > size * 0.85) break;
  }
  lines.push('## Action items', '');
  for (let a = 0; a < 3 + (i % 5); a++) {
    lines.push(`- [ ] Follow-up ${a + 1} for ${service} (owner: @${pick(['alice', 'bob', 'carol'])}, due: 2024-${pad(month)}-${pad(Math.min(28, day + 10))}, type: ${pick(['prevent', 'detect', 'mitigate', 'process'])})`);
  }
  lines.push('');
  let text = lines.join('\n');
  while (text.length < size) text += `\n${pick(PROSE)}\n`;
  return text;
}

function workspace(count) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pm-bench-${count}-`));
  const texts = [];
  for (let i = 0; i < count; i++) {
    const text = postmortem(i);
    const rel = i % 4 === 3 ? `docs/reviews/${i}.md` : `postmortems/${2020 + (i % 5)}/incident-${i}.md`;
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    texts.push(text);
  }
  return { dir, texts };
}

// ---------- measurements ----------
async function parseFullOf() {
  const bundle = path.join(out, 'parse-cli.mjs');
  await esbuild.build({ entryPoints: [path.join(root, 'server/src/service/parse.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'error' });
  return (await import(`${pathToFileURL(bundle).href}?t=${Date.now()}`)).parseFull;
}

const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs the CLI; resolves with wall time, exit code, CPU time (user + system, all threads) and peak resident memory
 * (GNU time's %M when /usr/bin/time exists, else VmHWM sampled from /proc).
 */
function timeCli(args, cwd) {
  return new Promise((resolve) => {
    const start = performance.now();
    const timeFile = path.join(cwd, '.time');
    const command = GNU_TIME ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, process.execPath, cli, ...args]] : [process.execPath, [cli, ...args]];
    const child = spawn(command[0], command[1], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    let peakKb = 0;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch { /* gone, or not Linux */ }
    };
    const timer = GNU_TIME ? undefined : setInterval(sample, 20);
    child.on('exit', (code) => {
      clearInterval(timer);
      let cpuMs = null;
      if (GNU_TIME) {
        const [user, system, maxKb] = fs.readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
        cpuMs = Math.round((user + system) * 1000);
        peakKb = maxKb;
      }
      resolve({ ms: performance.now() - start, cpuMs, code, peakMb: peakKb ? Math.round(peakKb / 1024) : null, stderr: stderr.trim().split('\n').pop() });
    });
  });
}

/**
 * Rounds per workspace size: the parse floor and the cold check measured side by side this many times (the cache
 * deleted between rounds), reported as the median ratio and its range, since a virtual machine's speed drifts from
 * minute to minute. `--rounds=N` for every size; by default 3 up to 1,000 files and 1 above.
 */
const roundsArg = process.argv.find((a) => a.startsWith('--rounds='));
const roundsFor = (count) => (roundsArg ? Math.max(1, Number(roundsArg.slice(9))) : count <= 1000 ? 3 : 1);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const parseFull = await parseFullOf();
const results = { date: new Date().toISOString(), node: process.version, cores, loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100), runs: [] };
for (const count of sizes) {
  const { dir, texts } = workspace(count);
  const bytes = texts.map((t) => t.length).sort((a, b) => a - b);
  for (const t of texts.slice(0, 20)) parseFull(t); // warm-up
  const cache = ['--cache', '--cache-location', path.join(dir, '.postmortemcache')];
  const rounds = [];
  for (let round = 0; round < roundsFor(count); round++) {
    fs.rmSync(path.join(dir, '.postmortemcache'), { force: true });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (const t of texts) parseFull(t);
    const parseMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cold = await timeCli(['check', '--format', 'json', '-o', path.join(dir, 'report.json'), ...cache], dir);
    rounds.push({ parseMs, parseCpuMs: Math.round((cpu.user + cpu.system) / 1000), cold, ratio: cold.ms / (parseMs / cores) });
  }
  // The round with the median ratio is the one reported in full; the others give the range.
  const mid = rounds.find((r) => r.ratio === median(rounds.map((x) => x.ratio)));
  const { parseMs, parseCpuMs, cold } = mid;
  const warm = await timeCli(['check', '--format', 'json', '-o', path.join(dir, 'report-warm.json'), ...cache], dir);
  const same = fs.readFileSync(path.join(dir, 'report.json'), 'utf8') === fs.readFileSync(path.join(dir, 'report-warm.json'), 'utf8');
  const floor = parseMs / cores;
  const run = {
    files: count,
    medianKb: Math.round(bytes[Math.floor(bytes.length / 2)] / 102.4) / 10,
    minKb: Math.round(bytes[0] / 102.4) / 10,
    maxKb: Math.round(bytes[bytes.length - 1] / 102.4) / 10,
    remarkParseOneCoreMs: Math.round(parseMs),
    parseFloorMs: Math.round(floor),
    coldMs: Math.round(cold.ms),
    coldVsFloor: Math.round((cold.ms / floor) * 100) / 100,
    rounds: rounds.length,
    coldVsFloorRange: [Math.min(...rounds.map((r) => r.ratio)), Math.max(...rounds.map((r) => r.ratio))].map((x) => Math.round(x * 100) / 100),
    coldPeakMb: cold.peakMb,
    remarkParseCpuMs: parseCpuMs,
    coldCpuMs: cold.cpuMs,
    coldCpuVsParseCpu: cold.cpuMs ? Math.round((cold.cpuMs / parseCpuMs) * 100) / 100 : null,
    warmCpuMs: warm.cpuMs,
    warmMs: Math.round(warm.ms),
    warmPeakMb: warm.peakMb,
    warmReportIdentical: same,
    exitCodes: [cold.code, warm.code],
    summary: cold.stderr,
  };
  results.runs.push(run);
  console.log(`\npostmortem check, ${count} files (median ${run.medianKb} KB, ${run.minKb}-${run.maxKb} KB), ${cores} cores, load ${results.loadavg.join(' ')}`);
  console.log(`  plain remark parse, one core   ${run.remarkParseOneCoreMs} ms  (÷ ${cores} cores = ${run.parseFloorMs} ms floor)`);
  console.log(`  cold check (workers, cache written) ${run.coldMs} ms = ${run.coldVsFloor}× the floor (target ≤ 1.25×), peak ${run.coldPeakMb} MB`);
  if (run.rounds > 1) console.log(`  over ${run.rounds} rounds (parse and check side by side each time): median ${run.coldVsFloor}×, range ${run.coldVsFloorRange[0]}-${run.coldVsFloorRange[1]}×`);
  if (run.coldCpuMs) console.log(`  CPU time (contention-independent): cold check ${run.coldCpuMs} ms over all threads vs parse ${run.remarkParseCpuMs} ms = ${run.coldCpuVsParseCpu}×; warm ${run.warmCpuMs} ms`);
  console.log(`  warm check (from the cache)    ${run.warmMs} ms${count >= 10000 ? ' (target ≤ 2000 ms)' : ''}, peak ${run.warmPeakMb} MB (target ≤ 500 MB), same report: ${same}`);
  console.log(`  ${run.summary}`);
  fs.rmSync(dir, { recursive: true, force: true });
}
const file = path.join(out, 'cli-results.json');
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${path.relative(root, file)}`);
