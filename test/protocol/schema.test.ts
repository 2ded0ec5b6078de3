import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ModelRequest } from '../../common/protocol';
import { ensureBuilt, LspClient, ROOT } from './lspClient';

const FIXTURE = fs.readFileSync(path.join(ROOT, 'test/fixtures/workspace/postmortems/incident-2024-05-01-postmortem.md'), 'utf8');
const BUILT_IN = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/postmortem.schema.json'), 'utf8'));

/** The built-in schema, with the Detection section required as well. */
function teamSchema(): string {
  const schema = structuredClone(BUILT_IN);
  const sections = schema.properties.sections;
  sections.required = [...sections.required, 'detection'];
  return JSON.stringify(schema, null, 2);
}

const mentionsDetection = (ds: Diagnostic[]) => ds.some((d) => (d.code === 'missing-section' && (d.data as { kind?: string })?.kind === 'detection') || /detection/i.test(d.message));

describe('protocol: custom schemas', function () {
  this.timeout(60000);
  let dir: string;
  let folder: string;
  let settings: Record<string, unknown> = {};
  let clients: LspClient[] = [];

  async function start(trusted = true): Promise<LspClient> {
    const client = await LspClient.start({ workspaceFolders: [folder], trusted, settings: () => ({ analysis: { timeBudgetMs: 60000 }, ...settings }) });
    clients.push(client);
    return client;
  }

  before(() => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-schema-'));
    folder = pathToFileURL(dir).href;
    fs.mkdirSync(path.join(dir, 'schemas'));
    fs.mkdirSync(path.join(dir, 'postmortems'));
    fs.writeFileSync(path.join(dir, 'schemas', 'team.schema.json'), teamSchema());
    fs.writeFileSync(path.join(dir, 'schemas', 'broken.schema.json'), '{ "type": "object", this is not JSON');
    fs.writeFileSync(path.join(dir, 'postmortems', 'local.schema.json'), teamSchema());
  });

  afterEach(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    clients = [];
    settings = {};
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the built-in schema does not require a Detection section', async () => {
    const client = await start();
    const published = await client.open(`${folder}/postmortems/a.md`, FIXTURE);
    assert.ok(!mentionsDetection(published.diagnostics));
  });

  it('loads the schema named by postmortem.schema (workspace-relative)', async () => {
    settings = { schema: 'schemas/team.schema.json' };
    const client = await start();
    const published = await client.open(`${folder}/postmortems/a.md`, FIXTURE);
    assert.ok(mentionsDetection(published.diagnostics), `detection required: ${published.diagnostics.map((d) => d.message).join(' | ')}`);
  });

  it('loads the schema named by $schema in the frontmatter, relative to the document', async () => {
    const client = await start();
    const text = FIXTURE.replace('---\n', '---\n$schema: ./local.schema.json\n');
    const published = await client.open(`${folder}/postmortems/a.md`, text);
    assert.ok(mentionsDetection(published.diagnostics));
  });

  it('ignores custom schemas in an untrusted workspace', async () => {
    settings = { schema: 'schemas/team.schema.json' };
    const client = await start(false);
    const published = await client.open(`${folder}/postmortems/a.md`, FIXTURE);
    assert.ok(!mentionsDetection(published.diagnostics));
    assert.ok(!published.diagnostics.some((d) => d.code === 'schema-invalid'));
  });

  it('a schema file that is not JSON gives schema-invalid and the server keeps answering', async () => {
    settings = { schema: 'schemas/broken.schema.json' };
    const client = await start();
    const uri = `${folder}/postmortems/a.md`;
    const published = await client.open(uri, FIXTURE);
    assert.ok(published.diagnostics.some((d) => d.code === 'schema-invalid'), `schema-invalid in ${published.diagnostics.map((d) => d.code)}`);
    // Falls back to the built-in schema: the usual findings are still there.
    assert.ok(published.diagnostics.some((d) => d.code === 'missing-section'));
    const model = await client.connection.sendRequest(ModelRequest, { uri });
    assert.equal(model?.isPostmortem, true);
  });

  it('a schema file that does not exist gives schema-invalid', async () => {
    settings = { schema: 'schemas/nope.schema.json' };
    const client = await start();
    const published = await client.open(`${folder}/postmortems/a.md`, FIXTURE);
    const d = published.diagnostics.find((x) => x.code === 'schema-invalid');
    assert.ok(d);
    assert.match(d.message, /nope\.schema\.json/);
  });

  it('picks up a changed setting on didChangeConfiguration', async () => {
    const client = await start();
    const uri = `${folder}/postmortems/a.md`;
    const first = await client.open(uri, FIXTURE);
    assert.ok(!mentionsDetection(first.diagnostics));
    settings = { schema: 'schemas/team.schema.json' };
    const next = client.nextDiagnostics(uri, (p) => mentionsDetection(p.diagnostics));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.ok(mentionsDetection((await next).diagnostics));
  });
  it('re-validates open documents when the schema file changes on disk (workspace/didChangeWatchedFiles)', async () => {
    const file = path.join(dir, 'schemas', 'edited.schema.json');
    const fileUri = pathToFileURL(file).href;
    fs.writeFileSync(file, JSON.stringify(BUILT_IN, null, 2));
    settings = { schema: 'schemas/edited.schema.json' };
    const client = await start();
    const uri = `${folder}/postmortems/a.md`;
    const first = await client.open(uri, FIXTURE);
    assert.ok(!mentionsDetection(first.diagnostics), 'the file starts as the built-in schema');

    // The team edits its schema: Detection becomes required. The document itself does not change.
    fs.writeFileSync(file, teamSchema());
    const stricter = client.nextDiagnostics(uri, (p) => mentionsDetection(p.diagnostics));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri, type: 2 /* Changed */ }] });
    const after = await stricter;
    assert.equal(after.version, 1, 'same document version, new diagnostics');

    // And back again.
    fs.writeFileSync(file, JSON.stringify(BUILT_IN, null, 2));
    const relaxed = client.nextDiagnostics(uri, (p) => !mentionsDetection(p.diagnostics));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri, type: 2 }] });
    await relaxed;
  });

  it('a schema file created after the document was opened replaces the "not found" finding', async () => {
    const file = path.join(dir, 'schemas', 'later.schema.json');
    fs.rmSync(file, { force: true });
    settings = { schema: 'schemas/later.schema.json' };
    const client = await start();
    const uri = `${folder}/postmortems/a.md`;
    const first = await client.open(uri, FIXTURE);
    assert.ok(first.diagnostics.some((d) => d.code === 'schema-invalid' && /later\.schema\.json/.test(d.message)));
    fs.writeFileSync(file, teamSchema());
    const next = client.nextDiagnostics(uri, (p) => mentionsDetection(p.diagnostics) && !p.diagnostics.some((d) => d.code === 'schema-invalid'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 1 /* Created */ }] });
    await next;
  });
});
