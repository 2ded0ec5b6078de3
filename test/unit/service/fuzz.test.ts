// Seeded fuzzing of the language service façade: random postmortem-ish documents and random single-character edits
// must never make a feature throw, log an error, return a range outside the document, produce overlapping code-action
// edits, or make the incremental parser disagree with a fresh one.
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, Range, TextEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { CodeActionKinds } from '../../../common/protocol';
import { createPostmortemService, type DocumentScope } from '../../../server/src/service/index';
import { capNesting, DocumentParser, MAX_NESTING, parseFull } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import type { Logger } from '../../../server/src/service/types';
import { document, edit, Gen, prng } from './fuzzGen';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2024);
const DOCUMENTS = Number(process.env.FUZZ_DOCUMENTS ?? 250);
const EDITS_PER_DOCUMENT = 3;

// --- checks ------------------------------------------------------------------------------------------------------

function lineLengths(doc: TextDocument): number[] {
  const out: number[] = [];
  for (let l = 0; l < doc.lineCount; l++) {
    const start = doc.offsetAt({ line: l, character: 0 });
    const end = l + 1 < doc.lineCount ? doc.offsetAt({ line: l + 1, character: 0 }) : doc.getText().length;
    out.push(doc.getText().slice(start, end).replace(/\r?\n$|\r$/, '').length);
  }
  return out;
}

function checkRange(range: Range | undefined, lengths: number[], what: string): void {
  assert.ok(range, `${what}: no range`);
  for (const [name, p] of [['start', range.start], ['end', range.end]] as const) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lengths.length, `${what}: ${name}.line ${p.line} outside 0..${lengths.length - 1}`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lengths[p.line]!,
      `${what}: ${name}.character ${p.character} > line ${p.line} length ${lengths[p.line]}`);
  }
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character),
    `${what}: start after end ${JSON.stringify(range)}`);
}

/** Every object with {start:{line,character}, end:{line,character}} inside a value. */
function rangesIn(value: unknown, path: string, out: [string, Range][] = []): [string, Range][] {
  if (!value || typeof value !== 'object') return out;
  const v = value as Record<string, unknown>;
  const isPos = (p: unknown) => !!p && typeof p === 'object' && typeof (p as { line?: unknown }).line === 'number' && typeof (p as { character?: unknown }).character === 'number';
  if (isPos(v.start) && isPos(v.end)) out.push([path, v as unknown as Range]);
  for (const [k, child] of Object.entries(v)) rangesIn(child, `${path}.${k}`, out);
  return out;
}

function editsOf(action: { edit?: { changes?: Record<string, TextEdit[]> } }, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}

function applyChecked(doc: TextDocument, edits: TextEdit[], what: string): string {
  const spans = edits.map((e) => ({ s: doc.offsetAt(e.range.start), e: doc.offsetAt(e.range.end) })).sort((a, b) => a.s - b.s || a.e - b.e);
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1]!;
    const b = spans[i]!;
    // Two inserts at one offset are fine (applied in order); anything else must not overlap.
    assert.ok(a.e <= b.s, `${what}: overlapping edits ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  }
  return TextDocument.applyEdits(doc, edits);
}

function checkSymbols(symbols: DocumentSymbol[], lengths: number[], what: string): void {
  for (const s of symbols) {
    assert.ok(typeof s.name === 'string' && s.name.trim().length > 0, `${what}: empty symbol name ${JSON.stringify(s.name)}`);
    checkRange(s.range, lengths, `${what} symbol '${s.name}' range`);
    checkRange(s.selectionRange, lengths, `${what} symbol '${s.name}' selectionRange`);
    checkSymbols(s.children ?? [], lengths, what);
  }
}

const scope: DocumentScope = { settings: DEFAULT_SETTINGS, workspaceFolders: ['file:///ws'] };

function exercise(g: Gen, text: string, version: number, ctx: { service: ReturnType<typeof createPostmortemService>; errors: string[]; reused: DocumentParser }, label: string): void {
  const uri = 'file:///ws/postmortems/fuzz.md';
  const doc = TextDocument.create(uri, 'markdown', version, text);
  const lengths = lineLengths(doc);
  const { service } = ctx;

  const analysis = service.analyze(doc, scope);
  const model = service.getModel(doc, scope);
  const findings = service.getFindings(doc, scope);
  assert.equal(analysis.isPostmortem, true, `${label}: a file under postmortems/ is a postmortem`);
  if (model) for (const [p, r] of rangesIn(model, 'model')) checkRange(r, lengths, `${label} ${p}`);
  for (const f of findings) checkRange(f.range, lengths, `${label} finding ${f.code}`);

  for (let k = 0; k < 3; k++) {
    const line = g.int(doc.lineCount);
    const position = { line, character: g.int(lengths[line]! + 1) };
    const items = service.getCompletions(doc, position, scope);
    for (const item of items) {
      assert.ok(item.label, `${label}: completion without label at ${JSON.stringify(position)}`);
      for (const [p, r] of rangesIn(item.textEdit, 'textEdit')) checkRange(r, lengths, `${label} completion '${item.label}' ${p}`);
      for (const [i, e] of (item.additionalTextEdits ?? []).entries()) checkRange(e.range, lengths, `${label} completion '${item.label}' additionalTextEdits[${i}]`);
    }
    const hover = service.getHover(doc, position, scope);
    if (hover?.range) checkRange(hover.range, lengths, `${label} hover at ${JSON.stringify(position)}`);
  }

  const diagnostics = findings.map((f) => ({ code: f.code, message: f.message, range: f.range, data: f.data }));
  const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount - 1, character: lengths[doc.lineCount - 1]! } };
  for (const only of [undefined, [CodeActionKinds.fixAll]]) {
    const actions = service.getCodeActions(doc, g.chance(0.5) ? whole : diagnostics[g.int(diagnostics.length)]?.range ?? whole, diagnostics, only, scope);
    for (const action of actions) {
      assert.ok(action.title, `${label}: code action without title`);
      if (only) assert.ok(action.kind?.startsWith(CodeActionKinds.fixAll), `${label}: ${action.kind} returned for only=fixAll`);
      const edits = editsOf(action, uri);
      for (const [i, e] of edits.entries()) checkRange(e.range, lengths, `${label} action '${action.title}' edit ${i}`);
      const result = applyChecked(doc, edits, `${label} action '${action.title}'`);
      if (action.kind === CodeActionKinds.fixAll && diagnostics.some((d) => d.code === 'timeline-order')) {
        // Fix-all sorted the timeline: sorting its result again must change nothing.
        const fixed = TextDocument.create(uri, 'markdown', version + 100000, result);
        const again = service.getCodeActions(fixed, whole, [], [CodeActionKinds.sortTimeline], scope);
        assert.deepEqual(again.map((a) => editsOf(a, uri)), [],
          `${label}: fix-all left a timeline that sorts again; fix-all result:\n${JSON.stringify(result)}`);
        service.analyze(doc, scope); // back to the document under test (keeps the parser's state realistic)
      }
    }
  }

  checkSymbols(service.getDocumentSymbols(doc, scope), lengths, label);
  for (const f of service.getFoldingRanges(doc, scope)) {
    assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < doc.lineCount, `${label}: folding range ${JSON.stringify(f)} outside 0..${doc.lineCount - 1}`);
  }

  // The incremental parser (reused across versions) agrees with a fresh one.
  const modelLog: Logger = { info() {}, warn() {}, error(m, e) { ctx.errors.push(`${m}: ${e instanceof Error ? e.stack : String(e)}`); } };
  const incremental = buildModel(ctx.reused.parse(uri, version, text), DEFAULT_SETTINGS, true, modelLog);
  const fresh = buildModel(new DocumentParser().parse(uri, version, text), DEFAULT_SETTINGS, true, modelLog);
  assert.equal(JSON.stringify(incremental), JSON.stringify(fresh), `${label}: incremental model differs from a fresh parse`);

  assert.deepEqual(ctx.errors, [], `${label}: the service logged errors`);
}

describe(`fuzz: the service never throws on random documents (seed ${SEED}, FUZZ_SEED/FUZZ_DOCUMENTS to change)`, function () {
  this.timeout(120000);

  it(`${DOCUMENTS} documents with ${EDITS_PER_DOCUMENT} random edits each`, () => {
    const errors: string[] = [];
    const logger: Logger = { info() {}, warn() {}, error(m, e) { errors.push(`${m}: ${e instanceof Error ? e.stack : String(e)}`); } };
    const ctx = { service: createPostmortemService({ logger, now: () => new Date('2024-06-01T00:00:00Z') }), errors, reused: new DocumentParser() };
    for (let d = 0; d < DOCUMENTS; d++) {
      // One PRNG per document (seeded from the suite's seed and the index) so a failure names a reproducible document.
      const g = new Gen(prng(SEED ^ Math.imul(d + 1, 0x9e3779b1)));
      let text = document(g);
      let version = 1;
      const label = (v: number) => `seed ${SEED} document ${d} version ${v}`;
      const started = Date.now();
      if (process.env.FUZZ_VERBOSE) process.stderr.write(`document ${d}\n`);
      try {
        exercise(g, text, version, ctx, label(version));
        for (let k = 0; k < EDITS_PER_DOCUMENT; k++) {
          text = edit(g, text);
          version++;
          exercise(g, text, version, ctx, label(version));
        }
      } catch (error) {
        if (error instanceof Error) error.message += `\n(text of ${label(version)}: ${JSON.stringify(text).slice(0, 4000)})`;
        throw error;
      }
      if (process.env.FUZZ_VERBOSE) process.stderr.write(`document ${d}: ${Date.now() - started} ms, ${text.length} chars\n`);
      ctx.service.forget('file:///ws/postmortems/fuzz.md');
    }
  });

  it('the generator is deterministic for a seed', () => {
    const a = document(new Gen(prng(42)));
    const b = document(new Gen(prng(42)));
    assert.equal(a, b);
    assert.notEqual(document(new Gen(prng(43))), a);
  });
});

// Cases the fuzzer found, kept as plain regressions.
describe('fuzz regressions', () => {
  const positions = (text: string, parse: (t: string) => { children: unknown[] }) => JSON.stringify(parse(text).children, (k, v) => (k === 'value' || k === 'data' ? undefined : v));
  const incremental = (t: string) => new DocumentParser().parse('file:///r.md', 1, t).tree;

  it('a long (cut) table parses as in a full parse with \\n, \\r\\n and \\r line endings', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| 10:${String(i).padStart(2, '0')} | e${i} |`);
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['# T', '', '| Time | Event |', '| --- | --- |', ...rows, '', '## After', ''].join(eol);
      assert.equal(positions(text, incremental), positions(text, parseFull), JSON.stringify(eol));
    }
  });

  it('frontmatter that runs to the end of a long document is not cut like a table', () => {
    const text = `---\r\r\r\r\r\r\r\ro||\r--|-\rX${'\r|'.repeat(16)}\r${'\r'.repeat(20)}## d\r\r---`;
    assert.equal(positions(text, incremental), positions(text, parseFull));
    assert.equal(incremental(text).children[0]?.type, 'yaml');
  });

  it('containers nested too deep are capped with CR-only line endings too', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `x${eol}${'> '.repeat(3 * MAX_NESTING)}y${eol}`;
      const capped = capNesting(text);
      assert.equal(capped.length, text.length, 'positions do not move');
      assert.equal(capped.split('>').length - 1, MAX_NESTING, JSON.stringify(eol));
    }
  });

  it('a blank frontmatter key gets a non-blank outline name (VS Code rejects blank symbol names)', () => {
    // Found by the fuzzer (mixed line endings made YAML read a key "\r"); an explicit blank key is the same case.
    const text = '---\n"\\r": x\ntitle: T\n---\n# T\n';
    const service = createPostmortemService({ logger: { info() {}, warn() {}, error(m) { assert.fail(m); } } });
    const doc = TextDocument.create('file:///ws/postmortems/r.md', 'markdown', 1, text);
    const fm = service.getDocumentSymbols(doc, scope).find((s) => s.name === 'Frontmatter');
    assert.ok(fm?.children?.some((c) => c.name === '(empty key)'), JSON.stringify(fm?.children?.map((c) => c.name)));
    assert.ok(fm!.children!.every((c) => c.name.trim() !== ''));
  });
});
