/**
 * Metadata written the way chat-first and wiki-export postmortems write it (own short fixtures).
 */
import assert from 'node:assert/strict';
import { codes, pipeline } from './realWorldHelpers';

const at = (text: string, r: { start: { line: number; character: number }; end: { character: number } }) =>
  text.split('\n')[r.start.line]!.slice(r.start.character, r.end.character);

describe('real-world metadata', function () {
  it('several fields on one line separated by "·" are read apart, each at its own range', function () {
    const text = `# Postmortem: deploys blocked\n\nSeverity: SEV4 · Status: draft · Owner: @kenji\n`;
    const { model, findings } = pipeline(text);
    const m = model.metadata;
    assert.equal(m.severity?.value, 'SEV4');
    assert.equal(m.status?.value, 'draft');
    assert.equal(m.owner?.value, '@kenji');
    assert.equal(at(text, m.severity!.range), 'SEV4');
    assert.equal(at(text, m.status!.range), 'draft');
    assert.equal(at(text, m.status!.keyRange!), 'Status');
    assert.equal(at(text, m.owner!.range), '@kenji');
    assert.ok(!codes(findings).includes('invalid-value'));
    assert.ok(!findings.some((f) => f.code === 'missing-metadata' && /status/i.test(f.message)));
  });

  it('bold labels on one line with "|" between them', function () {
    const text = `# X\n\n**Severity:** SEV2 | **Status:** in review\n`;
    const { model } = pipeline(text);
    assert.equal(model.metadata.severity?.value, 'SEV2');
    assert.equal(model.metadata.status?.value, 'in review');
  });

  it('a "·" inside a value that is not followed by a field label stays in the value', function () {
    const { model } = pipeline(`# X\n\nServices affected: web · api · worker\n`);
    assert.deepEqual(model.metadata.services.map((s) => s.value), ['web · api · worker']);
  });
});
