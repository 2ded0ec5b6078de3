/**
 * Schemas stay inside the workspace (issue 10), over real LSP: a `$schema` or `postmortem.schema` naming a file
 * outside the workspace folder, a symlink out of it, a kernel file or a network path gives one `schema-invalid`
 * diagnostic that says so, never the file's content, and the built-in schema is used.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, LspClient, ROOT } from './lspClient';

const FIXTURE = fs.readFileSync(path.join(ROOT, 'test/fixtures/workspace/postmortems/incident-2024-05-01-postmortem.md'), 'utf8');
const SECRET = 'root:x:0:0:TOPSECRET';

describe('protocol: schemas stay inside the workspace', function () {
  this.timeout(60000);
  let dir: string;
  let folder: string;
  let client: LspClient;
  let settings: Record<string, unknown> = {};
  let n = 0;

  before(async () => {
    ensureBuilt();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-confine-')));
    fs.mkdirSync(path.join(dir, 'ws', 'postmortems'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'secret.json'), SECRET);
    fs.symlinkSync(path.join(dir, 'secret.json'), path.join(dir, 'ws', 'link.schema.json'));
    folder = pathToFileURL(path.join(dir, 'ws')).href;
    client = await LspClient.start({ workspaceFolders: [folder], settings: () => ({ analysis: { timeBudgetMs: 60000 }, ...settings }) });
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the fixture declaring `$schema: ref` and returns its schema-invalid message. */
  async function declared(ref: string): Promise<string> {
    const uri = `${folder}/postmortems/doc-${++n}.md`;
    const text = FIXTURE.replace(/^---\n/, `---\n$schema: '${ref.replace(/'/g, "''")}'\n`);
    const published = await client.open(uri, text);
    const messages = published.diagnostics.map((d) => d.message).join('\n');
    assert.ok(!messages.includes('TOPSECRET') && !messages.includes('root:x'), 'no file content in any message');
    const invalid = published.diagnostics.filter((d) => d.code === 'schema-invalid');
    assert.equal(invalid.length, 1, `one schema-invalid for ${ref}: ${messages}`);
    assert.ok(published.diagnostics.some((d) => d.code === 'missing-section'), 'the built-in schema still applies');
    assert.notEqual(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 2 } }), undefined);
    return invalid[0]!.message;
  }

  it('refuses a file outside the workspace, by absolute path and by ../', async () => {
    assert.match(await declared(path.join(dir, 'secret.json')), /was not read: it is outside the workspace/);
    assert.match(await declared('../../secret.json'), /was not read: it is outside the workspace/);
    assert.match(await declared('/etc/passwd'), /was not read: it is outside the workspace/);
    assert.match(await declared('../../../../../../../etc/hostname'), /was not read|not found/);
  });

  it('refuses a symlink in the workspace that points outside it', async () => {
    assert.match(await declared('../link.schema.json'), /was not read: it is outside the workspace/);
  });

  it('refuses kernel files and network paths', async () => {
    assert.match(await declared('/proc/self/environ'), /was not read: it is a device or kernel file/);
    assert.match(await declared('//host/share/s.json'), /was not read: it is a network \(UNC\) path/);
    assert.match(await declared('\\\\host\\share\\s.json'), /was not read|not found/);
  });

  it("a team schema's pattern with nested repetition cannot hang the server", async () => {
    // `^((a+))+$` takes 13 s on a 29-character title with a backtracking engine, and doubles per character: on this
    // 45-character one it would outlast the test's timeout (and the 60 s budget). RE2 answers at once.
    const schema = { allOf: [{ $ref: 'https://postmortem-tools.github.io/schemas/postmortem.schema.json' }], properties: { metadata: { properties: { title: { pattern: '^((a+))+$' } } } } };
    fs.writeFileSync(path.join(dir, 'ws', 'redos.schema.json'), JSON.stringify(schema));
    const uri = `${folder}/postmortems/redos-${++n}.md`;
    const text = FIXTURE.replace(/^title: .*$/m, `title: ${'a'.repeat(44)}!`).replace(/^---\n/, '---\n$schema: ../redos.schema.json\n');
    const published = await client.open(uri, text);
    const codes = published.diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('analysis-timeout') && !codes.includes('schema-invalid'), codes.join(', '));
    assert.ok(published.diagnostics.some((d) => /does not have the form/.test(d.message)), 'the pattern was checked');
  });

  it('applies the same to the postmortem.schema setting', async () => {
    settings = { schema: '/etc/passwd' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const uri = `${folder}/postmortems/setting-${++n}.md`;
    const published = await client.open(uri, FIXTURE);
    const invalid = published.diagnostics.find((d) => d.code === 'schema-invalid');
    assert.match(invalid?.message ?? '', /was not read: it is outside the workspace/);
    assert.ok(!published.diagnostics.some((d) => d.message.includes('root:')));
    settings = {};
    assert.ok(client.alive);
  });
});
