/**
 * What the .vsix ships. Builds it once the way a release does (`npm run package`: production bundles, then
 * `vsce package --no-dependencies`), reads its zip entries and checks them against the list below, which
 * mirrors .vscodeignore: the bundles, schemas, snippets, templates, README/CHANGELOG/LICENSE and nothing from
 * sources, tests, node_modules, test installs, build output or source maps.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { readZipEntries, readZipEntry, type ZipEntry } from './zip';

const root = path.resolve(__dirname, '../..');
const vsixPath = path.join(root, 'dist/postmortem.vsix');
/** vsce's own files at the archive's root. */
const VSCE_FILES = ['[Content_Types].xml', 'extension.vsixmanifest'];
/** The import engine, its own bundle, loaded only when Import Timeline runs (core/importers/bundle.ts). */
const IMPORTER_BUNDLE = 'extension/dist/importers.js';
/** Text only the import engine's libraries hold (turndown, yauzl), to tell where they were bundled. */
const IMPORTER_LIBRARIES = /keepReplacement|blankReplacement|invalid central directory file header signature/;

/** The tracker adapters, one bundle each, loaded only when their tracker is used (core/trackers/load.ts). */
function trackerBundles(): string[] {
  return filesIn('core/trackers', '.ts')
    .map((f) => /\/(github|gitlab|jira|linear)\.ts$/.exec(f)?.[1])
    .filter((k): k is string => !!k)
    .map((k) => `extension/dist/trackers/${k}.js`);
}

function filesIn(dir: string, ext: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs).filter((f) => f.endsWith(ext)).map((f) => `extension/${dir}/${f}`);
}

/** vsce renames README.md -> readme.md, CHANGELOG.md -> changelog.md and LICENSE -> LICENSE.txt. */
function canonical(name: string): string {
  return name.replace(/^extension\/(readme|changelog)\.md$/i, (_m, n: string) => `extension/${n.toLowerCase()}.md`)
    .replace(/^extension\/license(\.txt|\.md)?$/i, 'extension/license');
}

describe('Packaged extension (.vsix)', function () {
  this.timeout(180_000);
  let buf: Buffer;
  let entries: ZipEntry[];
  let names: string[];

  before(() => {
    fs.rmSync(vsixPath, { force: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['run', 'package'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 170_000 });
    assert.equal(r.status, 0, `npm run package failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
    assert.ok(fs.existsSync(vsixPath), 'dist/postmortem.vsix was written');
    buf = fs.readFileSync(vsixPath);
    entries = readZipEntries(buf);
    names = entries.map((e) => e.name);
  });

  it('ships the runtime files', () => {
    const expected = ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/analysisWorker.js', 'extension/dist/webview.js', IMPORTER_BUNDLE, ...trackerBundles(),
      ...filesIn('schemas', '.json'), ...filesIn('snippets', '.json'), ...filesIn('templates', '.md')];
    expected.push('extension/readme.md', 'extension/license');
    const have = new Set(names.map(canonical));
    for (const e of expected) assert.ok(have.has(canonical(e)), `${e} is in the package: ${JSON.stringify(names)}`);
    for (const [dir, ext] of [['schemas', '.json'], ['snippets', '.json'], ['templates', '.md']] as const) {
      assert.ok(filesIn(dir, ext).length > 0, `${dir}/*${ext} exist (else the checks above check nothing)`);
    }
  });

  it('ships nothing else', () => {
    const allowed = new Set(['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/analysisWorker.js', 'extension/dist/webview.js', IMPORTER_BUNDLE, ...trackerBundles(),
      'extension/readme.md', 'extension/changelog.md', 'extension/license',
      ...filesIn('schemas', '.json'), ...filesIn('snippets', '.json'), ...filesIn('templates', '.md')].map(canonical));
    const extra = names.filter((n) => !VSCE_FILES.includes(n) && !allowed.has(canonical(n)));
    assert.deepEqual(extra, [], 'unexpected files in the .vsix');
    const forbidden = names.filter((n) => /^extension\/(src|client|server|common|test|node_modules|\.vscode-test|out|scripts|\.ci)\//.test(n)
      || /\.(map|ts|vsix|png)$/.test(n) || /(^|\/)\.git/.test(n));
    assert.deepEqual(forbidden, [], 'no sources, tests, node_modules, maps or build output');
  });

  it('stays within 1.5 MB', () => {
    assert.ok(buf.length <= 1.5 * 1024 * 1024, `the .vsix is ${(buf.length / 1024 / 1024).toFixed(2)} MB`);
    assert.ok(trackerBundles().includes('extension/dist/trackers/github.js'), 'the GitHub adapter is among the tracker bundles (else the checks check nothing)');
  });

  it('keeps the import engine out of dist/client.js', () => {
    const text = (name: string): string => readZipEntry(buf, entries.find((e) => e.name === name)!).toString('utf8');
    assert.match(text(IMPORTER_BUNDLE), IMPORTER_LIBRARIES, 'turndown and yauzl are in dist/importers.js (else the check below checks nothing)');
    assert.doesNotMatch(text('extension/dist/client.js'), IMPORTER_LIBRARIES, 'no turndown or yauzl in dist/client.js: the engine loads from dist/importers.js when used');
  });

  it('the manifest inside points at files that ship', () => {
    const pkg = JSON.parse(readZipEntry(buf, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
    const shipped = (p: string): boolean => names.includes(`extension/${path.posix.normalize(p)}`);
    assert.ok(shipped(pkg.main), `main ${pkg.main} ships`);
    for (const s of pkg.contributes?.snippets ?? []) assert.ok(shipped(s.path), `snippet file ${s.path} ships`);
    for (const v of pkg.contributes?.jsonValidation ?? []) if (!/^https?:/.test(v.url)) assert.ok(shipped(v.url), `schema ${v.url} ships`);
    assert.equal(pkg.scripts?.['vscode:prepublish'], undefined, 'no prepublish step that would need dev dependencies');
  });

  it('the bundles need nothing from node_modules at run time', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    for (const [file, allowedExternal] of [['dist/server.js', []], ['dist/analysisWorker.js', []], ['dist/client.js', ['vscode']], ['dist/importers.js', []], ...trackerBundles().map((t) => [t.replace(/^extension\//, ''), []] as const)] as const) {
      const text = readZipEntry(buf, entries.find((e) => e.name === `extension/${file}`)!).toString('utf8');
      // Calls, not text: ajv keeps `require("ajv/dist/runtime/equal")` in strings for its standalone code
      // generation, which a call never is (a call is not preceded by a quote or a backtick).
      const required = [...text.matchAll(/(?:(?<![`'"\w.$])require|\b__require)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      const outside = [...new Set(required)].filter((m) => !builtins.has(m) && !(allowedExternal as readonly string[]).includes(m) && !m.startsWith('.'));
      assert.deepEqual(outside, [], `${file} requires only Node built-ins${allowedExternal.length ? ' and vscode' : ''}`);
      assert.ok(!/sourceMappingURL=/.test(text.slice(-500)), `${file} references no source map`);
    }
    const client = readZipEntry(buf, entries.find((e) => e.name === 'extension/dist/client.js')!).toString('utf8');
    assert.ok(!/@octokit|@gitbeaker|jira\.js|@linear\/sdk|LinearClient/.test(client), 'no tracker client is in dist/client.js: each loads from dist/trackers/ when used');
    const webview = readZipEntry(buf, entries.find((e) => e.name === 'extension/dist/webview.js')!).toString('utf8');
    assert.ok(!/\brequire\(/.test(webview.replace(/["'`][^"'`]*require\([^"'`]*["'`]/g, '')), 'dist/webview.js is a browser bundle without require()');
  });
});
