import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DocumentSymbolRequest, HoverRequest, CompletionRequest } from 'vscode-languageserver-protocol/node';
import { ModelRequest } from '../../common/protocol';
import { ensureBuilt, LspClient, ROOT } from './lspClient';

const FIXTURE = fs.readFileSync(path.join(ROOT, 'test/fixtures/workspace/postmortems/incident-2024-05-01-postmortem.md'), 'utf8');
const FOLDER = 'file:///work/robust';

/** Pseudo-random bytes (deterministic), read as latin1: NULs, control characters, invalid UTF-8. */
function garbage(size: number): string {
  let x = 0x9e3779b9;
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes.toString('latin1');
}

function aliasBomb(): string {
  const lines = ['---', 'type: postmortem', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  lines.push('---', '', '# Bomb', '');
  return lines.join('\n');
}

describe('protocol: bad input never takes the server down', function () {
  this.timeout(60000);
  let client: LspClient;
  let n = 0;

  before(async () => {
    ensureBuilt();
    // These documents must be analysed to the end (a slow machine included): the budget is tested in budget.test.ts.
    client = await LspClient.start({ workspaceFolders: [FOLDER], settings: () => ({ analysis: { timeBudgetMs: 60000 } }) });
  });
  after(async () => client?.stop());

  /** Opens the text as a postmortem, waits for its diagnostics, then checks the server still answers. */
  async function survive(text: string, name: string, analysed = true) {
    const uri = `${FOLDER}/postmortems/${name}-${++n}.md`;
    const published = await client.open(uri, text, 1);
    assert.ok(Array.isArray(published.diagnostics));
    const model = await client.connection.sendRequest(ModelRequest, { uri });
    // Under postmortems/ it is a postmortem: a null model here means its analysis failed (and was swallowed).
    if (analysed) assert.equal(model?.isPostmortem, true, `${name}: analysed into a model`);
    else assert.equal(model, null, `${name}: not analysed`);
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    // A follow-up on a healthy document still works.
    const healthy = `${FOLDER}/postmortems/healthy-${n}.md`;
    const ok = await client.open(healthy, FIXTURE, 1);
    assert.ok(ok.diagnostics.length > 0, 'healthy document analysed after the bad one');
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: healthy } });
    assert.ok(symbols && symbols.length > 0);
    assert.ok(client.alive);
    await client.close(uri);
    await client.close(healthy);
    return published;
  }

  it('an empty file', async () => {
    await survive('', 'empty');
  });

  it('binary garbage', async () => {
    await survive(garbage(64 * 1024), 'garbage');
  });

  it('a 5 MB document: one document-too-large finding, and it still answers', async () => {
    let text = '';
    while (text.length < 5 * 1024 * 1024) text += FIXTURE;
    const started = Date.now();
    const published = await survive(text, 'huge', false);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['document-too-large']);
    assert.equal(published.diagnostics[0]?.range.start.line, 0);
    assert.equal(published.diagnostics[0]?.severity, 3);
    assert.ok(Date.now() - started < 20000);
  });

  it('a 10,000-deep nested list', async () => {
    await survive(`# Deep\n\n${'- '.repeat(10000)}x\n`, 'deep-list');
  });

  it('10,000 nested block quotes', async () => {
    await survive(`# Deep\n\n${'>'.repeat(10000)} x\n`, 'deep-quote');
  });

  it('frontmatter that is not YAML', async () => {
    const published = await survive('---\ntitle: [unclosed\n  : : :\n\t- x: {\n---\n\n# Broken\n\n## Summary\n\nText.\n', 'not-yaml');
    assert.ok(published.diagnostics.some((d) => d.code === 'frontmatter-invalid'), `frontmatter-invalid in ${published.diagnostics.map((d) => d.code)}`);
  });

  it('a YAML alias bomb', async () => {
    const started = Date.now();
    await survive(aliasBomb(), 'alias-bomb');
    assert.ok(Date.now() - started < 10000, 'answered quickly');
  });

  it('a very long single line', async () => {
    await survive(`# Long\n\n${'word '.repeat(200000)}\n`, 'long-line');
  });
});
