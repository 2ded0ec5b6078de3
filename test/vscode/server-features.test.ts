/**
 * The language server's features as VS Code shows them, through VS Code's own command API
 * (the same providers the editor calls): activation, diagnostics, completion, hover, outline, quick fixes.
 * Fixtures: test/fixtures/workspace (the runner opens a temp copy). The postmortem there lacks an Impact
 * section, has a timeline row out of order (14:21 before 14:12) and an action item without owner.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, activeExtension, closeAll, codeOf, edit, flattenSymbols, hasCodes, hoverText, lineOf, openDoc,
  postmortemDiagnostics, waitForDiagnostics,
} from './harness-vscode';

const POSTMORTEM = ['postmortems', 'incident-2024-05-01-postmortem.md'];

interface ExtensionApi { getModel(uri: vscode.Uri): Promise<unknown> }

suite('Language server features in VS Code', () => {
  suiteSetup(async () => {
    // Fail once, clearly, when the extension under test was not built (instead of every test timing out).
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    for (const file of ['dist/client.js', 'dist/server.js']) {
      const uri = vscode.Uri.joinPath(ext.extensionUri, file);
      await vscode.workspace.fs.stat(uri).then(undefined, () => assert.fail(`${file} is missing: the extension was not built (npm run build)`));
    }
  });
  teardown(closeAll);

  test('activates on a postmortem and reports its problems', async () => {
    const { doc } = await openDoc(...POSTMORTEM);
    const ext = await activeExtension();
    assert.equal(ext.packageJSON.name, 'postmortem');
    const ds = await waitForDiagnostics(doc.uri, hasCodes('missing-section', 'timeline-order', 'action-item-fields'),
      'missing-section, timeline-order and action-item-fields');
    const missing = ds.filter((d) => codeOf(d) === 'missing-section');
    assert.ok(missing.some((d) => /impact/i.test(d.message)), `a missing-section diagnostic names Impact: ${missing.map((d) => d.message).join(' | ')}`);
    const order = ds.find((d) => codeOf(d) === 'timeline-order')!;
    assert.equal(doc.lineAt(order.range.start.line).text.includes('14:12') || doc.lineAt(order.range.start.line).text.includes('14:21'), true,
      `timeline-order points at an out-of-order row, not at line ${order.range.start.line}: ${doc.lineAt(order.range.start.line).text}`);
    // Quiet by default: one finding for the items without an owner, on the Action items heading; each item has a hint.
    const fields = ds.find((d) => codeOf(d) === 'action-item-fields')!;
    assert.match(doc.lineAt(fields.range.start.line).text, /^## Action items/);
    assert.match(fields.message, /open action items? ha(?:s|ve) no owner/i);
    const hint = ds.find((d) => codeOf(d) === 'action-item-missing-field')!;
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    assert.match(doc.lineAt(hint.range.start.line).text, /load test with production pool/);
  });

  test('reports nothing on a Markdown file that is not a postmortem', async () => {
    const { doc: readme } = await openDoc('README.md');
    const ext = await activeExtension();
    // Proof that the server has handled README.md: it handles documents in order, so once a postmortem
    // opened AFTER it has its diagnostics, README.md's turn has passed.
    const later = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: '---\ntype: postmortem\ntitle: Later\n---\n\n# Later\n\n## Summary\n\nOpened after README.md.\n',
    });
    await vscode.window.showTextDocument(later);
    await waitForDiagnostics(later.uri, hasCodes('missing-section'), 'diagnostics on the untitled postmortem');
    const api = ext.exports as ExtensionApi | undefined;
    assert.equal(typeof api?.getModel, 'function', 'the extension exports getModel');
    assert.equal(await api!.getModel(readme.uri), null, 'getModel(README.md) is null');
    assert.notEqual(await api!.getModel(later.uri), null, 'getModel(untitled postmortem) is a model');
    assert.deepEqual(postmortemDiagnostics(readme.uri).map((d) => d.message), [], 'no postmortem diagnostics on README.md');
  });

  test('completes missing section headings at a "## " line', async () => {
    const { doc } = await openDoc(...POSTMORTEM);
    await waitForDiagnostics(doc.uri, hasCodes('missing-section'), 'missing-section');
    const at = lineOf(doc, /^## Contributing factors/);
    await edit(doc, new vscode.Position(at, 0), '## \n\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(at, 3));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => /^(#+\s*)?Impact$/i.test(l.trim())), `"Impact" offered: ${JSON.stringify(labels)}`);
    assert.ok(!labels.some((l) => /^(#+\s*)?Summary$/i.test(l.trim())), `"Summary" (already there) not offered: ${JSON.stringify(labels)}`);
  });

  test('completes severity values in the frontmatter', async () => {
    const { doc } = await openDoc(...POSTMORTEM);
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'diagnostics');
    const line = lineOf(doc, /^severity:/);
    await edit(doc, doc.lineAt(line).range, 'severity: ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 'severity: '.length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const sev of ['SEV1', 'SEV2', 'SEV3']) assert.ok(labels.includes(sev), `${sev} offered: ${JSON.stringify(labels)}`);
  });

  test('hovers explain a frontmatter key and a timeline time', async () => {
    const { doc } = await openDoc(...POSTMORTEM);
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'diagnostics');
    const sevLine = lineOf(doc, /^severity:/);
    const onKey = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(sevLine, 2));
    assert.match(hoverText(onKey), /sev/i, 'hover on "severity" describes it');
    const rowLine = lineOf(doc, '| 14:03 |');
    const onTime = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(rowLine, 4));
    assert.match(hoverText(onTime), /2024-05-01 14:03 UTC/, `hover on a timeline time shows the resolved time: ${hoverText(onTime)}`);
  });

  test('outlines sections, timeline entries and action items', async () => {
    const { doc } = await openDoc(...POSTMORTEM);
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'diagnostics');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = flattenSymbols(symbols ?? []);
    for (const heading of ['Summary', 'Timeline', 'Action items']) {
      assert.ok(names.some((n) => n.includes(heading)), `outline has "${heading}": ${JSON.stringify(names)}`);
    }
    // The built-in Markdown outline has headings only; entries and items come from the postmortem server.
    assert.ok(names.some((n) => n.includes('14:03') || n.includes('Deploy of checkout-api')), `outline has a timeline entry: ${JSON.stringify(names)}`);
    assert.ok(names.some((n) => n.includes('Add alerting on pool saturation')), `outline has an action item: ${JSON.stringify(names)}`);
  });

  test('the missing-section quick fix inserts Impact at its canonical place, and undo restores', async () => {
    const { doc } = await openDoc(...POSTMORTEM);
    const original = doc.getText();
    const ds = await waitForDiagnostics(doc.uri, (all) => all.some((d) => codeOf(d) === 'missing-section' && /impact/i.test(d.message)), 'missing Impact');
    const diag = ds.find((d) => codeOf(d) === 'missing-section' && /impact/i.test(d.message))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.edit && /impact/i.test(a.title) && (!a.kind || vscode.CodeActionKind.QuickFix.contains(a.kind)));
    assert.ok(fix?.edit, `an "insert Impact" quick fix with an edit: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'quick fix applied');
    const impact = lineOf(doc, /^##\s+Impact\s*$/);
    const summary = lineOf(doc, /^##\s+Summary/);
    const timeline = lineOf(doc, /^##\s+Timeline/);
    assert.ok(impact > summary && impact < timeline, `"## Impact" (line ${impact}) between Summary (${summary}) and Timeline (${timeline}):\n${doc.getText()}`);
    await waitForDiagnostics(doc.uri, (all) => !all.some((d) => codeOf(d) === 'missing-section' && /impact/i.test(d.message)), 'the missing Impact diagnostic to go');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'undo restores the document');
  });
});
