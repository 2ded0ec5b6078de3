import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { CodeActionKinds, DIAGNOSTIC_SOURCE, ModelRequest } from '../../common/protocol';
import { ensureBuilt, LspClient, ROOT } from './lspClient';

const FIXTURE = fs.readFileSync(path.join(ROOT, 'test/fixtures/workspace/postmortems/incident-2024-05-01-postmortem.md'), 'utf8');

const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));
const itemsOf = (r: CompletionItem[] | CompletionList | null) => (r === null ? [] : Array.isArray(r) ? r : r.items);

/** Line/character of the first occurrence of `needle` (+ `delta` characters). */
function find(text: string, needle: string, delta = 0) {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `fixture lacks ${needle}`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('protocol: language features over stdio', function () {
  this.timeout(60000);
  let client: LspClient;
  let dir: string;
  let folder: string;
  let pmUri: string;

  before(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-proto-'));
    folder = pathToFileURL(dir).href;
    pmUri = `${folder}/postmortems/2024-05-01-checkout.md`;
    client = await LspClient.start({ workspaceFolders: [folder] });
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('announces its capabilities', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, ['#', ':', '@', ' ', '|', '(']);
    assert.equal(caps.hoverProvider, true);
    const ca = caps.codeActionProvider;
    assert.ok(typeof ca === 'object' && ca.codeActionKinds);
    assert.deepEqual(ca.codeActionKinds, ['quickfix', CodeActionKinds.sortTimeline, CodeActionKinds.fixAll]);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.foldingRangeProvider, true);
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes diagnostics for a postmortem on open', async () => {
    const published = await client.open(pmUri, FIXTURE, 1);
    assert.equal(published.version, 1);
    const found = codes(published.diagnostics);
    assert.ok(found.includes('timeline-order'), `timeline-order in ${found}`);
    assert.ok(found.includes('action-item-fields'), `action-item-fields in ${found}`);
    const missing = published.diagnostics.filter((d) => d.code === 'missing-section');
    assert.ok(missing.some((d) => (d.data as { kind?: string })?.kind === 'impact'), 'missing Impact section reported');
    for (const d of published.diagnostics) {
      assert.equal(d.source, DIAGNOSTIC_SOURCE);
      assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 4);
      assert.match(d.codeDescription?.href ?? '', new RegExp(`#${d.code}$`));
    }
  });

  it('publishes empty diagnostics for a README.md and answers nothing for it', async () => {
    const readme = `${folder}/postmortems/README.md`;
    const published = await client.open(readme, '# Postmortems\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | b |\n| 09:00 | a |\n', 1);
    assert.deepEqual(published.diagnostics, []);
    assert.equal(await client.connection.sendRequest(ModelRequest, { uri: readme }), null);
    const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: readme }, position: { line: 2, character: 3 } });
    assert.deepEqual(itemsOf(completion), []);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: readme } }), []);
  });

  it('treats any Markdown whose frontmatter says type: postmortem as one', async () => {
    const uri = `${folder}/notes/db.md`;
    const published = await client.open(uri, '---\ntype: postmortem\ntitle: DB\n---\n\n# DB\n', 1);
    assert.ok(published.diagnostics.length > 0);
    const plain = await client.open(`${folder}/notes/plain.md`, '# Just notes\n\n## Timeline\n', 1);
    assert.deepEqual(plain.diagnostics, []);
  });

  it('answers postmortem/model with the model', async () => {
    const model = await client.connection.sendRequest(ModelRequest, { uri: pmUri });
    assert.ok(model);
    assert.equal(model.uri, pmUri);
    assert.equal(model.version, 1);
    assert.equal(model.isPostmortem, true);
    assert.equal(model.metadata.severity?.value, 'SEV2');
    assert.equal(model.timeline.length, 5);
    assert.equal(model.actionItems.length, 2);
    assert.ok(model.sections.some((s) => s.kind === 'timeline'));
    assert.ok(model.lineCount > 40);
    assert.equal(await client.connection.sendRequest(ModelRequest, { uri: `${folder}/unknown.md` }), null);
  });

  it('re-publishes after an incremental change, reflecting it', async () => {
    // "| 14:21 | Alert fired" -> "| 14:10 | Alert fired": the timeline is in order again.
    const at = find(FIXTURE, '14:21');
    const published = await client.change(pmUri, 2, [{ range: { start: at, end: { line: at.line, character: at.character + 5 } }, text: '14:10' }]);
    assert.equal(published.version, 2);
    assert.ok(!codes(published.diagnostics).includes('timeline-order'), `no timeline-order in ${codes(published.diagnostics)}`);
    const model = await client.connection.sendRequest(ModelRequest, { uri: pmUri });
    assert.equal(model?.version, 2);
    assert.ok(model?.timeline.some((e) => e.rawTime.includes('14:10')));
    // And back: the diagnostic returns.
    const back = await client.change(pmUri, 3, [{ range: { start: at, end: { line: at.line, character: at.character + 5 } }, text: '14:21' }]);
    assert.ok(codes(back.diagnostics).includes('timeline-order'));
  });

  it('ends with the newest version when changes come back to back', async () => {
    const uri = `${folder}/postmortems/burst.md`;
    await client.open(uri, FIXTURE, 1);
    const at = find(FIXTURE, '## Summary', 0);
    const send = (v: number) => client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
    const last = client.diagnosticsFor(uri, 11);
    for (let v = 2; v <= 11; v++) void send(v);
    const published = await last;
    assert.equal(published.version, 11);
    assert.equal(client.latest(uri)?.version, 11);
  });

  it('completes severity values in the frontmatter', async () => {
    const uri = `${folder}/postmortems/complete.md`;
    const text = '---\ntitle: Outage\nseverity: \nstatus: draft\n---\n\n# Outage\n\n## Summary\n\nText.\n';
    await client.open(uri, text, 1);
    const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 10 } });
    const labels = itemsOf(completion).map((i) => i.label);
    assert.ok(labels.includes('SEV1') && labels.includes('SEV2'), `severity values in ${labels.join(', ')}`);
  });

  it('hovers a metadata key', async () => {
    const pos = find(FIXTURE, 'severity:', 2);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: pmUri }, position: pos });
    assert.ok(hover, 'a hover');
    const text = JSON.stringify(hover.contents);
    assert.ok(text.length > 10);
  });

  it('offers a quick fix that inserts the missing section', async () => {
    const published = client.latest(pmUri);
    const diagnostic = published?.diagnostics.find((d) => d.code === 'missing-section' && (d.data as { kind?: string })?.kind === 'impact');
    assert.ok(diagnostic, 'missing-section diagnostic');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: pmUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.edit?.changes?.[pmUri]?.length || a.edit?.documentChanges?.length);
    assert.ok(fix, `an action with an edit among ${actions.map((a) => a.title).join(' | ')}`);
    // Versioned: the edit names the version it was computed for, so a client refuses it once the document changed.
    const change = fix.edit?.documentChanges?.find((c) => 'textDocument' in c && c.textDocument.uri === pmUri) as TextDocumentEdit | undefined;
    assert.equal(fix.edit?.changes, undefined, 'no unversioned changes');
    assert.equal(change?.textDocument.version, published?.version, 'the edit is versioned with the analysed version');
    const edits = change?.edits ?? [];
    assert.ok(edits.some((e) => /impact/i.test(e.newText)), 'the edit writes an Impact heading');
  });

  it('offers the sort-timeline source action by kind', async () => {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: pmUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: [CodeActionKinds.sortTimeline] },
    })) as CodeAction[];
    assert.ok(actions.some((a) => a.kind === CodeActionKinds.sortTimeline && a.edit), 'a sortTimeline action with an edit');
  });

  it('returns an outline and folding ranges', async () => {
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: pmUri } });
    assert.ok(symbols && symbols.length > 0);
    const folding = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: pmUri } });
    assert.ok(folding && folding.length > 0);
  });

  it('answers a malformed request with an empty result and stays up', async () => {
    const completion = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: pmUri }, position: null });
    const items = completion === null ? [] : Array.isArray(completion) ? completion : (completion as CompletionList).items;
    assert.deepEqual(items, [], 'an empty completion result');
    const model = await client.connection.sendRequest(ModelRequest, { uri: pmUri });
    assert.ok(model);
    assert.ok(client.alive);
  });

  it('clears diagnostics on close', async () => {
    const uri = `${folder}/postmortems/closing.md`;
    await client.open(uri, FIXTURE, 1);
    const cleared = client.diagnosticsFor(uri, null); // published without a version
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
    assert.equal(await client.connection.sendRequest(ModelRequest, { uri }), null);
  });
});
