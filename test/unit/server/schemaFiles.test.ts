/** The schema file reader's confinement (server/src/schemaFiles.ts), on a real temporary file system. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readSchemaFile, refusedPath } from '../../../server/src/schemaFiles';

describe('schema files: confinement', () => {
  let dir: string;
  let workspace: string;
  let outside: string;
  let extensionRoot: string;
  const scope = () => ({ workspaceFolders: [pathToFileURL(workspace).href], extensionRoot });

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-confine-'));
    workspace = path.join(dir, 'ws');
    outside = path.join(dir, 'outside');
    extensionRoot = path.join(dir, 'ext');
    for (const d of [workspace, path.join(workspace, 'schemas'), outside, path.join(extensionRoot, 'schemas')]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(workspace, 'schemas', 'team.schema.json'), '{"type":"object"}');
    fs.writeFileSync(path.join(outside, 'secret.json'), '{"secret":"hunter2"}');
    fs.writeFileSync(path.join(extensionRoot, 'schemas', 'postmortem.schema.json'), '{"builtIn":true}');
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(workspace, 'schemas', 'link.schema.json'));
    fs.symlinkSync(outside, path.join(workspace, 'linked-dir'));
    fs.mkdirSync(path.join(workspace, 'a-folder.json'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a schema inside the workspace folder', () => {
    assert.equal(readSchemaFile(path.join(workspace, 'schemas', 'team.schema.json'), scope()), '{"type":"object"}');
  });

  it("reads the extension's own schemas", () => {
    assert.equal(readSchemaFile(path.join(extensionRoot, 'schemas', 'postmortem.schema.json'), scope()), '{"builtIn":true}');
  });

  it('refuses a file outside every workspace folder, by absolute path or by ../', () => {
    for (const file of [path.join(outside, 'secret.json'), path.join(workspace, '..', 'outside', 'secret.json')]) {
      const r = readSchemaFile(file, scope());
      assert.equal(typeof r, 'object', file);
      assert.match((r as { refused: string }).refused, /outside the workspace/);
      assert.ok(!JSON.stringify(r).includes('hunter2'));
    }
  });

  it('follows symlinks before deciding (a link in the workspace to a file or folder outside is refused)', () => {
    for (const file of [path.join(workspace, 'schemas', 'link.schema.json'), path.join(workspace, 'linked-dir', 'secret.json')]) {
      const r = readSchemaFile(file, scope());
      assert.match((r as { refused: string }).refused, /outside the workspace/, file);
    }
  });

  it('refuses /etc/passwd, /proc/self/environ and devices', () => {
    for (const file of ['/etc/passwd', '/proc/self/environ', '/dev/zero', '/sys/kernel/notes']) {
      const r = readSchemaFile(file, scope());
      assert.equal(typeof r, 'object', file);
      assert.ok(!JSON.stringify(r).includes('root:'), file);
    }
  });

  it('refuses UNC and device paths without touching the file system', () => {
    for (const p of ['\\\\host\\share\\s.json', '//host/share/s.json', 'file://host/share/s.json', '\\\\.\\PhysicalDrive0', '\\\\?\\C:\\s.json', 'C:\\work\\CON', 'NUL.json', '/proc/self/environ']) {
      assert.ok(refusedPath(p), p);
    }
    for (const p of ['/home/me/ws/s.json', 'C:\\work\\s.json', 'file:///home/me/s.json', 'file://localhost/home/me/s.json', 'schemas/console.json']) {
      assert.equal(refusedPath(p), undefined, p);
    }
  });

  it('refuses a folder and says nothing when the file does not exist', () => {
    assert.match((readSchemaFile(path.join(workspace, 'a-folder.json'), scope()) as { refused: string }).refused, /not a regular file/);
    assert.equal(readSchemaFile(path.join(workspace, 'nope.json'), scope()), undefined);
  });
});
