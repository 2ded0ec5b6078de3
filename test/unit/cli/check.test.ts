import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli, postmortem, tempWorkspace, write } from './harness';

describe('cli: check', () => {
  it('prints path:line:col  severity  message  code, grouped by file, and a summary; exit 1 on an error', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/a.md', postmortem());
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    write(dir, 'notes/readme-like.md', '# Just notes\n\nNothing to see.\n');
    const r = await cli(dir, ['check']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^postmortems\/b\.md:10:11 {2}error {4}Resolved at .+ {2}resolved-before-started$/m);
    assert.doesNotMatch(r.stdout, /a\.md|readme-like/);
    assert.match(r.stdout, /✖ 1 problem \(1 error, 0 warnings\) in 1 of 2 postmortems checked\n$/);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when not a terminal');
  });

  it('exits 0 when only warnings remain, 1 when they exceed --max-warnings', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/a.md', postmortem().replace('## Contributing factors', '## Notes'));
    const r = await cli(dir, ['check']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /warning {2}Missing section: Contributing factors/);
    assert.equal((await cli(dir, ['check', '--max-warnings', '1'])).code, 0);
    const over = await cli(dir, ['check', '--max-warnings', '0']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /more than --max-warnings 0/);
  });

  it('exits 0 with a summary when everything is clean', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/a.md', postmortem());
    const r = await cli(dir, ['check']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '✔ 1 postmortem checked, no problems\n');
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    assert.match((await cli(dir, ['check'], { tty: true })).stdout, /\u001b\[31m/);
    assert.doesNotMatch((await cli(dir, ['check'], { tty: true, env: { NO_COLOR: '1' } })).stdout, /\u001b\[/);
  });

  it('takes files, folders and globs; the type: postmortem frontmatter makes any file one', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/a.md', postmortem({ resolvedBeforeStarted: true }));
    write(dir, 'docs/outage.md', postmortem({ resolvedBeforeStarted: true }).replace('---\n', '---\ntype: postmortem\n'));
    write(dir, 'docs/other.md', '# Other\n');
    const all = await cli(dir, ['check']);
    assert.match(all.stdout, /in 2 of 2 postmortems/);
    const glob = await cli(dir, ['check', 'docs/*.md']);
    assert.match(glob.stdout, /^docs\/outage\.md:/m);
    assert.doesNotMatch(glob.stdout, /postmortems\/a\.md/);
    const folder = await cli(dir, ['check', 'postmortems']);
    assert.match(folder.stdout, /in 1 of 1 postmortem checked/);
    const missing = await cli(dir, ['check', 'nowhere.md', 'postmortems/a.md']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^postmortem: nowhere\.md: no such file or folder$/m);
    assert.match(missing.stdout, /postmortems\/a\.md:10:11/);
  });

  it('--format json lists files, findings with 1-based positions, problems and counts', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    write(dir, 'postmortems/empty.md', '');
    const r = await cli(dir, ['check', '--format', 'json']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    assert.equal(json.tool.name, 'postmortem');
    assert.equal(json.files.length, 1);
    assert.deepEqual(json.files[0].findings[0], {
      line: 10, column: 11, endLine: 10, endColumn: 31, severity: 'error', code: 'resolved-before-started', message: json.files[0].findings[0].message,
    });
    assert.equal(json.summary.errors, 1);
    assert.deepEqual(json.problems, [{ path: 'postmortems/empty.md', message: 'empty file; nothing to check', fails: false }]);
  });

  it('--output-file writes the report there and the summary to stderr', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    const r = await cli(dir, ['check', '-f', 'sarif', '-o', 'out/results.sarif']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /1 problem/);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'out/results.sarif'), 'utf8')).version, '2.1.0');
  });
});

describe('cli: check --files-from', () => {
  it('checks the listed paths (from standard input with -); an empty list checks nothing', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/a.md', postmortem({ resolvedBeforeStarted: true }));
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    write(dir, 'list.txt', 'postmortems/b.md\n\nREADME.md\n');
    const r = await cli(dir, ['check', '--files-from', 'list.txt']);
    assert.match(r.stdout, /^postmortems\/b\.md:/m);
    assert.doesNotMatch(r.stdout, /postmortems\/a\.md/);
    assert.match(r.stderr, /README\.md: no such file or folder/);
    write(dir, 'empty.txt', '');
    const empty = await cli(dir, ['check', '--files-from', 'empty.txt']);
    assert.equal(empty.code, 0);
    assert.equal(empty.stdout, '✔ 0 postmortems checked, no problems\n');
    const missing = await cli(dir, ['check', '--files-from', 'nope.txt']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'postmortem: nope.txt: cannot read the list of files (no such file)\n');
  });
});

describe('cli: check on a folder with no postmortem', () => {
  it('says why nothing was checked and what to do, naming the globs and where they come from', async () => {
    const dir = tempWorkspace(false);
    const text = postmortem({ resolvedBeforeStarted: true });
    write(dir, 'notes/2024-05-outage.md', text);
    write(dir, 'notes/readme.md', '# Notes\n');
    const r = await cli(dir, ['check', '.']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '✔ 0 postmortems checked, no problems\n');
    assert.match(r.stderr, /none of the 2 Markdown files found is a postmortem: they match no postmortem\.files glob \(\*\*\/postmortems\/\*\*\/\*\.md, .*, the default\)/);
    assert.match(r.stderr, /Name a file to check it anyway, or set postmortem\.files in \.vscode\/settings\.json\./);

    write(dir, '.vscode/settings.json', JSON.stringify({ 'postmortem.files': ['reviews/**/*.md'] }));
    const configured = await cli(dir, ['check']);
    assert.match(configured.stderr, /\(reviews\/\*\*\/\*\.md, from \.vscode\/settings\.json\)/);

    const named = await cli(dir, ['check', 'notes/2024-05-outage.md']);
    assert.doesNotMatch(named.stderr, /is a postmortem/, 'a named file is checked: no hint');
    assert.match(named.stdout, /1 postmortem checked/);

    write(dir, 'reviews/real.md', text);
    const some = await cli(dir, ['check']);
    assert.doesNotMatch(some.stderr, /is a postmortem/, 'no hint once a postmortem is found');
  });
});
