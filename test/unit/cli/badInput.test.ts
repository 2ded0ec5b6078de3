import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli, postmortem, tempWorkspace, write } from './harness';
import { COMMANDS } from '../../../cli/commands/index';
import type { CliCommand } from '../../../cli/context';

/** Every problem is one line naming the file; the other files are still checked; no stack trace. */
describe('cli: bad input', () => {
  function assertOneLineEach(stderr: string, files: string[]): void {
    for (const f of files) {
      const lines = stderr.split('\n').filter((l) => l.includes(f));
      assert.equal(lines.length, 1, `${f}: ${stderr}`);
    }
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  }

  it('binary, empty, over-size, not UTF-8 and missing files: one line each, the rest checked', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/good.md', postmortem({ resolvedBeforeStarted: true }));
    write(dir, 'postmortems/binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    write(dir, 'postmortems/empty.md', '');
    write(dir, 'postmortems/latin1.md', Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'));
    write(dir, 'postmortems/huge.md', `---\ntype: postmortem\n---\n${'x'.repeat(80)}\n`.repeat(30_000));
    const r = await cli(dir, ['check', 'postmortems', 'postmortems/gone.md']);
    assertOneLineEach(r.stderr, ['binary.md', 'empty.md', 'latin1.md', 'huge.md', 'gone.md']);
    assert.match(r.stderr, /postmortems\/binary\.md: binary content, not a text file; not checked/);
    assert.match(r.stderr, /postmortems\/empty\.md: empty file; nothing to check/);
    assert.match(r.stderr, /postmortems\/latin1\.md: not valid UTF-8 text; not checked/);
    assert.match(r.stderr, /postmortems\/huge\.md: \d+(\.\d)? MB is over the 2 MB size limit; not checked/);
    assert.match(r.stderr, /postmortems\/gone\.md: no such file or folder/);
    assert.match(r.stdout, /^postmortems\/good\.md:10:11 {2}error/m);
    assert.match(r.stdout, /4 problems reading input/);
    assert.equal(r.code, 1);
  });

  it('an empty file alone does not fail the run', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/a.md', postmortem());
    write(dir, 'postmortems/empty.md', '');
    const r = await cli(dir, ['check']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('a folder of 10,000 files', async function () {
    this.timeout(120_000);
    const dir = tempWorkspace(false);
    const notes = path.join(dir, 'notes');
    fs.mkdirSync(notes);
    for (let i = 0; i < 10_000; i++) fs.writeFileSync(path.join(notes, `note-${i}.md`), `# Note ${i}\n\nPlain Markdown, not a postmortem.\n`);
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    const r = await cli(dir, ['check', '--format', 'json']);
    const json = JSON.parse(r.stdout);
    assert.equal(json.summary.postmortems, 1);
    assert.equal(json.summary.notPostmortems, 10_000);
    assert.equal(r.code, 1);
  });

  it('a broken settings file: one line with its position, defaults used, files still checked', async () => {
    const dir = tempWorkspace(false);
    write(dir, '.vscode/settings.json', '{\n  // rules\n  "postmortem.rules": { "resolved-before-started": "warning" \n');
    write(dir, 'postmortems/b.md', postmortem({ resolvedBeforeStarted: true }));
    const r = await cli(dir, ['check']);
    assert.match(r.stderr, /^postmortem: \.vscode\/settings\.json:\d+:\d+: settings are not valid JSON \(.+\); using the default settings for files under \.$/m);
    assert.match(r.stdout, /error {4}Resolved at/);
    assert.equal(r.code, 1);
  });

  it('a broken or missing team schema: one line naming it; documents checked with the built-in schema', async () => {
    const dir = tempWorkspace(false);
    write(dir, '.vscode/settings.json', '{ "postmortem.schema": "schemas/team.json", }');
    write(dir, 'schemas/team.json', '{ "type": "object", ');
    write(dir, 'postmortems/a.md', postmortem());
    write(dir, 'postmortems/c.md', postmortem({ title: 'Second' }));
    const r = await cli(dir, ['check']);
    const lines = r.stderr.split('\n').filter((l) => l.includes('schemas/team.json'));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^postmortem: schemas\/team\.json: the team schema \(postmortem\.schema in \.vscode\/settings\.json\) is not valid JSON/);
    assert.match(r.stdout, /postmortems\/a\.md:1:1 {2}error .+ {2}schema-invalid/);
    assert.match(r.stdout, /postmortems\/c\.md:1:1 {2}error .+ {2}schema-invalid/);
    fs.rmSync(path.join(dir, 'schemas/team.json'));
    const missing = await cli(dir, ['check']);
    assert.match(missing.stderr, /schemas\/team\.json: the team schema .+ cannot be read \(no such file\)/);
    write(dir, '.vscode/settings.json', '{ "postmortem.schema": "https://schemas.example.invalid/pm.json" }');
    const remote = await cli(dir, ['check']);
    assert.match(remote.stderr, /postmortem\.schema https:\/\/schemas\.example\.invalid\/pm\.json is remote and is not fetched; the built-in schema is used/);
  });

  it('a report that cannot be written: one line, exit 2', async () => {
    const dir = tempWorkspace(false);
    write(dir, 'postmortems/a.md', postmortem());
    fs.writeFileSync(path.join(dir, 'blocked'), '');
    const r = await cli(dir, ['check', '-o', 'blocked/report.txt']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'postmortem: blocked/report.txt: cannot write the report (a part of the path is a file)\n');
  });

  it('an unexpected failure (a bug) is one line, with the stack only under --debug', async () => {
    const failing: CliCommand = {
      name: 'explode',
      register(program) {
        program.command('explode').action(() => {
          throw new TypeError('cannot read properties of undefined');
        });
      },
    };
    COMMANDS.push(failing);
    try {
      const r = await cli(tempWorkspace(false), ['explode']);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'postmortem: unexpected error: cannot read properties of undefined\n(run again with --debug for details)\n');
      const debug = await cli(tempWorkspace(false), ['--debug', 'explode']);
      assert.match(debug.stderr, /^postmortem: unexpected error: cannot read properties of undefined\nTypeError: cannot read properties of undefined\n\s+at /);
    } finally {
      COMMANDS.splice(COMMANDS.indexOf(failing), 1);
    }
  });
});
