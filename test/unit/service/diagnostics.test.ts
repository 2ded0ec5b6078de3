import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { computeFindings } from '../../../server/src/service/diagnostics';
import { rules } from '../../../server/src/service/rules/index';
import { SchemaValidator } from '../../../server/src/service/schema';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { nullLogger, type Logger, type Rule } from '../../../server/src/service/types';
import { entry, item, loc, makeMetadata, makeModel, makeSections, rng } from './modelFactory';

const builtIn = SchemaValidator.builtIn(nullLogger);
const now = new Date('2024-05-10T00:00:00Z');

describe('computeFindings', () => {
  it('finds nothing in a complete, clean postmortem', () => {
    assert.deepEqual(computeFindings(makeModel(), DEFAULT_SETTINGS, builtIn, now), []);
  });

  it('combines frontmatter, schema and rule findings, sorted by position', () => {
    const md = makeMetadata({ status: undefined });
    md.frontmatter!.error = { message: 'duplicate key "title"', range: rng(2, 0, 5) };
    const model = makeModel({ metadata: md, sections: makeSections(['summary', 'timeline', 'contributing_factors', 'action_items']), actionItems: [item('Fix it', 30)] });
    const fs = computeFindings(model, DEFAULT_SETTINGS, builtIn, now);
    assert.deepEqual(fs.map((f) => f.code), ['missing-metadata', 'frontmatter-invalid', 'missing-section', 'action-item-fields', 'action-item-missing-field']);
    const fm = fs.find((f) => f.code === 'frontmatter-invalid')!;
    assert.equal(fm.severity, 'error');
    assert.equal(fm.message, 'The frontmatter cannot be read: duplicate key "title"');
    assert.deepEqual(fm.range, rng(2, 0, 5));
  });

  it('applies severities from settings to schema codes too, and ignore drops them', () => {
    const model = makeModel({ metadata: makeMetadata({ status: undefined, severity: loc('SEV9', 2, 10) }) });
    const fs = computeFindings(model, { ...DEFAULT_SETTINGS, rules: { 'missing-metadata': 'ignore', 'invalid-value': 'hint' } }, builtIn, now);
    assert.deepEqual(fs.map((f) => [f.code, f.severity]), [['invalid-value', 'hint']]);
  });

  it('reports a broken schema on line 0 or at the $schema value', () => {
    const broken = SchemaValidator.fromText('{', 'team.json', nullLogger);
    const fs = computeFindings(makeModel(), DEFAULT_SETTINGS, broken, now);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.code, 'schema-invalid');
    assert.deepEqual(fs[0]!.range, rng(0, 0, 0));
    assert.match(fs[0]!.message, /^Schema team\.json is not valid JSON/);
    const at = computeFindings(makeModel(), DEFAULT_SETTINGS, broken, now, { schemaOrigin: rng(5, 9, 20) });
    assert.deepEqual(at[0]!.range, rng(5, 9, 20));
  });

  it('logs and skips a rule that throws; the others still run', () => {
    const errors: string[] = [];
    const logger: Logger = { ...nullLogger, error: (m) => errors.push(m) };
    const bad: Rule = { code: 'placeholder', description: 'x', defaultSeverity: 'error', check() { throw new Error('kaput'); } };
    const model = makeModel({ impact: { quantified: false, figures: [] } });
    const fs = computeFindings(model, DEFAULT_SETTINGS, builtIn, now, { logger, rules: [bad, ...rules] });
    assert.deepEqual(fs.map((f) => f.code), ['impact-not-quantified']);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /rule placeholder failed/);
  });

  it('returns nothing for a document that is not a postmortem', () => {
    assert.deepEqual(computeFindings(makeModel({ isPostmortem: false, impact: { quantified: false, figures: [] } }), DEFAULT_SETTINGS, builtIn, now), []);
  });

  it('every rule has a unique code, a description and a default severity', () => {
    const codes = rules.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    assert.deepEqual([...codes].sort(), ['action-item-due-too-late', 'action-item-fields', 'action-item-missing-field', 'blame-language', 'empty-section', 'impact-not-quantified', 'placeholder',
      'resolved-before-started', 'timeline-order', 'timeline-starts-late', 'timestamp-nonstandard', 'timestamp-unparseable']);
    for (const r of rules) assert.ok(r.description.length > 20 && ['hint', 'information', 'warning', 'error'].includes(r.defaultSeverity), r.code);
  });

  it('is quiet by default: the missing sections and metadata keys are one finding each, listing the others for their fixes', () => {
    const model = makeModel({ metadata: makeMetadata({ status: undefined, severity: undefined }), sections: makeSections(['summary', 'timeline', 'action_items']) });
    const quiet = computeFindings(model, DEFAULT_SETTINGS, builtIn, now).filter((f) => f.code === 'missing-section' || f.code === 'missing-metadata');
    assert.deepEqual(quiet.map((f) => [f.code, f.data]), [
      ['missing-metadata', { key: 'severity', allowed: ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'], also: [{ key: 'status', allowed: ['draft', 'in review', 'reviewed', 'published', 'final'] }] }],
      ['missing-section', { kind: 'impact', also: ['contributing_factors'] }],
    ]);
    assert.match(quiet[0]!.message, /^Missing metadata: Severity, Status\./);
    assert.match(quiet[1]!.message, /^Missing sections: Impact, Contributing factors\./);
    const strict = computeFindings(model, { ...DEFAULT_SETTINGS, strict: true }, builtIn, now).filter((f) => f.code === 'missing-section' || f.code === 'missing-metadata');
    assert.equal(strict.length, 4);
  });

  it('a team schema turns strict checking on with x-strict', () => {
    const strictSchema = SchemaValidator.fromText(JSON.stringify({ 'x-strict': true, allOf: [{ $ref: 'https://postmortem-tools.github.io/schemas/postmortem.schema.json' }] }), 'team.json', nullLogger);
    assert.equal(strictSchema.info().strict, true);
    const model = makeModel({ actionItems: [item('Fix it', 25)] });
    const codes = (v: SchemaValidator) => computeFindings(model, DEFAULT_SETTINGS, v, now).filter((f) => f.code === 'action-item-missing-field').map((f) => f.severity);
    assert.deepEqual(codes(builtIn), ['hint']);
    assert.deepEqual(codes(strictSchema), ['warning']);
  });

  it('maps status and severity synonyms through the schema (Closed is final, High is SEV2)', () => {
    const model = makeModel({ metadata: makeMetadata({ status: loc('Closed', 3, 8), severity: loc('High (control plane)', 2, 10) }) });
    assert.deepEqual(computeFindings(model, DEFAULT_SETTINGS, builtIn, now).filter((f) => f.code === 'invalid-value'), []);
    const odd = makeModel({ metadata: makeMetadata({ status: loc('Frozen', 3, 8) }) });
    assert.deepEqual(computeFindings(odd, DEFAULT_SETTINGS, builtIn, now).map((f) => f.code), ['invalid-value']);
  });

  it('survives a model with odd content', () => {
    const model = makeModel({ timeline: [entry('', null, 20, { timeRange: rng(20, 0, 0) })], actionItems: [item('', 30, { due: { ...loc('', 30, 0, 0, 'inline'), raw: '' } })] });
    const fs = computeFindings(model, DEFAULT_SETTINGS, builtIn, now);
    assert.ok(fs.some((f) => f.code === 'timestamp-unparseable'));
  });
});

describe('computeFindings: redundant findings', () => {
  it('reports a missing Impact section once, not also as impact-not-quantified', () => {
    const text = '---\ntitle: T\nseverity: SEV2\nstatus: draft\n---\n# T\n\n## Summary\n\nS.\n';
    const model = buildModel(new DocumentParser().parse('file:///p.md', 1, text), DEFAULT_SETTINGS, true);
    const codes = computeFindings(model, DEFAULT_SETTINGS, builtIn).map((f) => f.code);
    assert.ok(codes.includes('missing-section'));
    assert.ok(!codes.includes('impact-not-quantified'));
    // With the section present but only prose, the rule speaks.
    const text2 = text + '\n## Impact\n\nSome users were unhappy.\n';
    const model2 = buildModel(new DocumentParser().parse('file:///p.md', 2, text2), DEFAULT_SETTINGS, true);
    assert.ok(computeFindings(model2, DEFAULT_SETTINGS, builtIn).some((f) => f.code === 'impact-not-quantified'));
  });
});
