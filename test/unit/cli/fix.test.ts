import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createPostmortemService } from '../../../server/src/service/index';
import { nullLogger } from '../../../server/src/service/types';
import { toSettings } from '../../../server/src/settings';
import { fixAll } from '../../../cli/check/analyzeFile';
import { cli, FIXTURE_WORKSPACE, tempWorkspace, write } from './harness';

/** What the editor's "Fix all" makes of a document: the service's fixAll code action applied once. */
function editorFixAll(file: string, folder: string, text: string): string {
  const service = createPostmortemService({ logger: nullLogger });
  const uri = pathToFileURL(file).href;
  const scope = { settings: toSettings(undefined, true), workspaceFolders: [pathToFileURL(folder).href] };
  const document = TextDocument.create(uri, 'markdown', 1, text);
  const { edits } = fixAll(service, document, service.getFindings(document, scope), scope);
  return TextDocument.applyEdits(document, edits);
}

describe('cli: check --fix', () => {
  const fixtures = fs.readdirSync(path.join(FIXTURE_WORKSPACE, 'postmortems')).filter((f) => f.endsWith('.md'));

  it('rewrites each fixture exactly as the editor\'s Fix all does, and a second run changes nothing', async () => {
    const dir = tempWorkspace();
    const before = new Map(fixtures.map((f) => [f, fs.readFileSync(path.join(dir, 'postmortems', f), 'utf8')]));
    const first = await cli(dir, ['check', '--fix']);
    assert.notEqual(first.code, 2, first.stderr);
    assert.match(first.stdout, /; [3-9] files fixed\n$/);
    let changed = 0;
    for (const f of fixtures) {
      const file = path.join(dir, 'postmortems', f);
      const expected = editorFixAll(file, dir, before.get(f)!);
      const actual = fs.readFileSync(file, 'utf8');
      assert.equal(actual, expected, f);
      if (actual !== before.get(f)) changed++;
    }
    assert.ok(changed >= 3, `only ${changed} fixtures had something to fix`);
    const afterFirst = new Map(fixtures.map((f) => [f, fs.readFileSync(path.join(dir, 'postmortems', f), 'utf8')]));
    await cli(dir, ['check', '--fix']);
    for (const f of fixtures) assert.equal(fs.readFileSync(path.join(dir, 'postmortems', f), 'utf8'), afterFirst.get(f), `${f} changed on the second run`);
    const json = JSON.parse((await cli(dir, ['check', '--format', 'json'])).stdout);
    assert.equal(json.summary.fixable, 0);
  });

  it('never touches a file whose frontmatter cannot be read, and says so', async () => {
    const dir = tempWorkspace(false);
    const broken = [
      '---', 'title: [unclosed', 'severity: SEV2', '---', '', '# Outage', '', '## Timeline', '',
      '| Time | Event |', '| --- | --- |', '| 10:05 | b |', '| 10:01 | a |', '',
    ].join('\n');
    const file = write(dir, 'postmortems/broken.md', broken);
    const r = await cli(dir, ['check', '--fix']);
    assert.equal(fs.readFileSync(file, 'utf8'), broken);
    assert.match(r.stderr, /postmortems\/broken\.md: not fixed: it has a frontmatter-invalid finding/);
    assert.match(r.stdout, /frontmatter-invalid/);
  });

  it('--fix-dry-run prints a unified diff that patch applies, and writes nothing', async () => {
    const dir = tempWorkspace();
    const file = path.join(dir, 'postmortems/client-webhooks.md');
    const before = fs.readFileSync(file, 'utf8');
    const r = await cli(dir, ['check', '--fix-dry-run', 'postmortems/client-webhooks.md']);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    assert.match(r.stdout, /^--- a\/postmortems\/client-webhooks\.md\n\+\+\+ b\/postmortems\/client-webhooks\.md\n@@ /);
    assert.match(r.stderr, /postmortem checked/);
    const patched = spawnSync('patch', ['-p1', '--dry-run', '-s'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.equal(patched.status, 0, patched.stderr + patched.stdout);
    spawnSync('patch', ['-p1', '-s'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    assert.equal(fs.readFileSync(file, 'utf8'), editorFixAll(file, dir, before));
  });
});
