// In-process checks of the façade and the settings mapping (no server process).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { createPostmortemService, type DocumentScope } from '../../server/src/service/index';
import { nullLogger } from '../../server/src/service/types';
import { toSettings } from '../../server/src/settings';
import { toDiagnostic } from '../../server/src/documents';
import { ROOT } from './lspClient';

const FIXTURE = fs.readFileSync(path.join(ROOT, 'test/fixtures/workspace/postmortems/incident-2024-05-01-postmortem.md'), 'utf8');
const scope: DocumentScope = { settings: DEFAULT_SETTINGS, workspaceFolders: ['file:///ws'] };
const doc = (name: string, text: string, version = 1) => TextDocument.create(`file:///ws/${name}`, 'markdown', version, text);

describe('settings: toSettings', () => {
  it('maps VS Code nested sections over the defaults', () => {
    const s = toSettings({ files: ['x/*.md'], schema: 's.json', rules: { placeholder: 'ignore', bogus: 'loud' }, metrics: { base: 'detected' }, actionItems: { targetDays: { SEV1: 7, SEV2: -1 } }, defaultTimezone: 'Europe/Berlin', blameTerms: ['oops', 3], strict: true }, false);
    assert.deepEqual(s, { files: ['x/*.md'], schema: 's.json', rules: { placeholder: 'ignore' }, metricsBase: 'detected', actionItemTargetDays: { SEV1: 7 }, defaultTimezone: 'Europe/Berlin', blameTerms: ['oops'], strict: true, trusted: false, analysisTimeBudgetMs: 2000 });
  });
  it('accepts flat dotted keys and falls back on wrong types', () => {
    const s = toSettings({ 'metrics.base': 'detected', files: 'nope', defaultTimezone: 42 }, true);
    assert.equal(s.metricsBase, 'detected');
    assert.deepEqual(s.files, DEFAULT_SETTINGS.files);
    assert.equal(s.defaultTimezone, 'UTC');
    assert.deepEqual(toSettings(null, true), DEFAULT_SETTINGS);
  });
});

describe('service façade', () => {
  it('caches by uri+version and recomputes on a new version', () => {
    const service = createPostmortemService({ logger: nullLogger });
    const a = service.analyze(doc('postmortems/a.md', FIXTURE), scope);
    assert.equal(service.analyze(doc('postmortems/a.md', FIXTURE), scope), a);
    const b = service.analyze(doc('postmortems/a.md', FIXTURE.replace('14:21', '14:10'), 2), scope);
    assert.notEqual(b, a);
    assert.equal(b.version, 2);
    assert.ok(a.findings.some((f) => f.code === 'timeline-order'));
    assert.ok(!b.findings.some((f) => f.code === 'timeline-order'));
  });

  it('does not analyse other Markdown', () => {
    const service = createPostmortemService({ logger: nullLogger });
    const a = service.analyze(doc('README.md', FIXTURE.replace(/^---[\s\S]*?---\n/, '')), scope);
    assert.equal(a.isPostmortem, false);
    assert.equal(a.model, null);
    assert.deepEqual(a.findings, []);
    assert.deepEqual(service.getCompletions(doc('README.md', '# x'), { line: 0, character: 1 }, scope), []);
  });

  it('frontmatter type: postmortem turns any file into one', () => {
    const service = createPostmortemService({ logger: nullLogger });
    const a = service.analyze(doc('notes/x.md', FIXTURE.replace('---\n', '---\ntype: postmortem\n')), scope);
    assert.equal(a.isPostmortem, true);
    assert.equal(a.model?.isPostmortem, true);
  });

  it('reports document-too-large for oversized documents without parsing them', () => {
    const service = createPostmortemService({ logger: nullLogger, maxDocumentSize: 10_000 });
    let text = FIXTURE;
    while (text.length < 20_000) text += FIXTURE;
    const a = service.analyze(doc('postmortems/big.md', text), scope);
    assert.deepEqual(a.findings.map((f) => [f.code, f.severity, f.range.start.line]), [['document-too-large', 'information', 0]]);
    assert.equal(a.model, null);
    assert.equal(a.parsed, null, 'not parsed');
  });

  it('resolves postmortem.schema against the workspace folder, only when trusted', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/postmortem.schema.json'), 'utf8'));
    schema.properties.sections.required.push('detection');
    const reads: string[] = [];
    const readFile = (p: string) => (reads.push(p), p === '/ws/team.json' ? JSON.stringify(schema) : undefined);
    const service = createPostmortemService({ logger: nullLogger, readFile });
    const custom = { ...scope, settings: { ...DEFAULT_SETTINGS, schema: 'team.json' } };
    const a = service.analyze(doc('postmortems/a.md', FIXTURE), custom);
    assert.deepEqual(reads, ['/ws/team.json']);
    assert.ok(a.findings.some((f) => /detection/i.test(f.message) || (f.data as { kind?: string } | undefined)?.kind === 'detection'));
    const untrusted = { ...scope, settings: { ...custom.settings, trusted: false } };
    const b = service.analyze(doc('postmortems/a.md', FIXTURE), untrusted);
    assert.equal(reads.length, 1, 'nothing read when untrusted');
    assert.ok(!b.findings.some((f) => (f.data as { kind?: string } | undefined)?.kind === 'detection'));
  });

  it('turns a missing or broken schema file into schema-invalid', () => {
    const service = createPostmortemService({ logger: nullLogger, readFile: (p) => (p.endsWith('broken.json') ? '{nope' : undefined) });
    for (const name of ['missing.json', 'broken.json']) {
      const s = { ...scope, settings: { ...DEFAULT_SETTINGS, schema: name } };
      const a = service.analyze(doc(`postmortems/${name}.md`, FIXTURE), s);
      const f = a.findings.filter((x) => x.code === 'schema-invalid');
      assert.equal(f.length, 1, name);
      assert.ok(a.findings.some((x) => x.code === 'missing-section'), 'built-in schema still applies');
    }
  });

  it('maps findings to diagnostics', () => {
    const d = toDiagnostic({ code: 'blame-language', message: 'm', severity: 'hint', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, data: { term: 'careless' } });
    assert.equal(d.severity, 4);
    assert.equal(d.source, 'postmortem');
    assert.equal(d.code, 'blame-language');
    assert.deepEqual(d.data, { term: 'careless' });
    assert.match(d.codeDescription!.href, /#blame-language$/);
  });
});
