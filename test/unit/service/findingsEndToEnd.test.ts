/**
 * Text -> model -> findings, through the parser and model builders (engineer 1's DocumentParser/buildModel).
 * Loaded dynamically so this suite skips itself, rather than breaking the build, while they are not there.
 */
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { PostmortemModel } from '../../../common/model';
import { computeFindings } from '../../../server/src/service/diagnostics';
import { BUILTIN_SCHEMA_ID, SchemaValidator } from '../../../server/src/service/schema';
import { nullLogger, type Finding, type ParsedDocument } from '../../../server/src/service/types';

type BuildModel = (doc: ParsedDocument, settings: typeof DEFAULT_SETTINGS, isPostmortem: boolean) => PostmortemModel;
interface Parser { parse(uri: string, version: number, text: string): ParsedDocument }

const modelPath = '../../../server/src/service/model/index';
const parsePath = '../../../server/src/service/parse';
let buildModel: BuildModel | undefined;
let parser: Parser | undefined;

const now = new Date('2024-05-10T00:00:00Z');
function findings(text: string, validator = SchemaValidator.builtIn(nullLogger)): { model: PostmortemModel; fs: Finding[] } {
  const doc = parser!.parse('file:///w/postmortems/x.md', 1, text);
  const model = buildModel!(doc, DEFAULT_SETTINGS, true);
  return { model, fs: computeFindings(model, DEFAULT_SETTINGS, validator, now) };
}
const at = (text: string, f: Finding) => text.split('\n')[f.range.start.line]!.slice(f.range.start.character, f.range.end.character);

const CLEAN = `---
title: Checkout errors after database failover
severity: SEV2
status: draft
date: 2024-05-01
---

# Checkout errors after database failover

## Summary

Checkout failed for some customers after a database failover.

## Impact

For 42 minutes, 12% of checkout requests failed (about 1,300 orders).

## Timeline

- 13:50 UTC Config change rolled out
- 14:03 UTC Alert fired for checkout errors
- 14:32 UTC Failover reverted, errors stop

## Contributing factors

The pool size was not adjusted for the new primary.

## Action items

- [ ] Add alerting on pool saturation (owner: @alice, due: 2024-05-20, type: detect)
`;

describe('findings end to end (text -> model -> findings)', function () {
  before(async function () {
    // A model or parser that fails to load fails this suite (never skips it).
    buildModel = (await import(modelPath)).buildModel as BuildModel;
    const P = (await import(parsePath)).DocumentParser as new () => Parser;
    parser = new P();
    assert.equal(typeof buildModel, 'function');
  });

  it('finds nothing in a clean postmortem', () => {
    const { fs } = findings(CLEAN);
    assert.deepEqual(fs.map((f) => `${f.code}: ${f.message}`), []);
  });

  it('reports a bad severity at the frontmatter value', () => {
    const text = CLEAN.replace('severity: SEV2', 'severity: SEV9');
    const f = findings(text).fs.find((x) => x.code === 'invalid-value')!;
    assert.ok(f, 'invalid-value reported');
    assert.equal(at(text, f), 'SEV9');
    assert.match(f.message, /^Severity 'SEV9' is not one of SEV1, SEV2/);
  });

  it('reports missing metadata and a missing section', () => {
    const text = CLEAN.replace('status: draft\n', '').replace(/## Impact\n\n.*\n\n/, '');
    const fs = findings(text).fs;
    assert.deepEqual(fs.filter((f) => f.code === 'missing-metadata').map((f) => f.data), [{ key: 'status', allowed: ['draft', 'in review', 'reviewed', 'published', 'final'] }]);
    const section = fs.find((f) => f.code === 'missing-section')!;
    assert.deepEqual(section.data, { kind: 'impact' });
    assert.equal(section.range.start.line, 6);
  });

  it('reports rule findings at the text they are about', () => {
    const text = CLEAN
      .replace('- 14:03 UTC Alert fired', '- 14:40 UTC Alert fired')
      .replace('The pool size', 'Root cause: human error. The pool size')
      .replace('(owner: @alice, due: 2024-05-20, type: detect)', '')
      .replace('Checkout failed for some customers', 'TODO: Checkout failed for some customers');
    const fs = findings(text).fs;
    const byCode = new Map(fs.map((f) => [f.code, f]));
    assert.equal(at(text, byCode.get('blame-language')!), 'human error');
    assert.equal(at(text, byCode.get('placeholder')!), 'TODO');
    assert.ok(byCode.get('timeline-order'), 'timeline-order reported');
    assert.equal(byCode.get('timeline-order')!.range.start.line, text.split('\n').findIndex((l) => l.startsWith('- 14:32')));
    // Quiet by default: the owner is what the built-in schema requires; one finding for the section.
    const fields = byCode.get('action-item-fields') as Finding<'action-item-fields'>;
    assert.deepEqual(fields.data.fields, ['owner']);
    assert.equal(fields.data.items.length, 1);
  });

  it('applies a team schema that extends the built-in one', () => {
    const team = JSON.stringify({ allOf: [{ $ref: BUILTIN_SCHEMA_ID }], properties: { metadata: { required: ['team'] }, sections: { required: ['detection'] } } });
    const fs = findings(CLEAN, SchemaValidator.fromText(team, 'team.json', nullLogger)).fs;
    assert.deepEqual(fs.map((f) => f.code).sort(), ['missing-metadata', 'missing-section']);
  });
});
