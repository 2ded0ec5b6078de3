import assert from 'node:assert/strict';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { DEFAULT_SETTINGS } from '../../../common/settings';

describe('model: buildModel', () => {
  const text = [
    '---', 'title: Checkout outage', 'severity: SEV2', 'started: 2024-05-01 14:03 UTC', 'resolved: 2024-05-01 15:10 UTC', '---', '',
    '# Checkout outage', '', '## Summary', '', 'Payments failed for 67 minutes.', '', '## Timeline (UTC)', '',
    '| Time | Event |', '|---|---|', '| 14:03 | Error rate rose |', '| 14:10 | Alert fired |', '| 15:10 | Resolved |', '',
    '## Action items', '', '- [ ] Add alerting (owner: @alice, due: 2024-06-01, type: detect)', '',
  ].join('\n');

  it('composes metadata, sections, timeline, action items and metrics', () => {
    const doc = new DocumentParser().parse('file:///pm.md', 7, text);
    const model = buildModel(doc, DEFAULT_SETTINGS, true);
    assert.equal(model.uri, 'file:///pm.md');
    assert.equal(model.version, 7);
    assert.equal(model.isPostmortem, true);
    assert.equal(model.lineCount, text.split('\n').length);
    assert.equal(model.metadata.severity?.value, 'SEV2');
    assert.deepEqual(model.sections.map((s) => s.kind), ['other', 'summary', 'timeline', 'action_items']);
    assert.equal(model.timeline.length, 3);
    assert.equal(model.actionItems.length, 1);
    assert.ok(model.metrics.some((m) => m.name === 'timeToResolve' && m.minutes === 67));
    assert.doesNotThrow(() => JSON.stringify(model));
  });

  it('builds a model for an empty or broken document', () => {
    const model = buildModel(new DocumentParser().parse('u', 1, ''), DEFAULT_SETTINGS, false);
    assert.deepEqual(model.sections, []);
    assert.equal(model.lineCount, 1);
    const broken = buildModel(new DocumentParser().parse('u', 2, '> '.repeat(5000) + '\u0000'), DEFAULT_SETTINGS, true);
    assert.ok(Array.isArray(broken.timeline));
  });

  it('logs a reader that throws with its name, and keeps the other parts', () => {
    const logged: string[] = [];
    const logger = { info() {}, warn() {}, error(message: string, error?: unknown) { logged.push(`${message} | ${error instanceof Error ? error.message : String(error)}`); } };
    // Settings whose default zone cannot be read: the timeline reader (and only readers that need it) fail.
    const settings = new Proxy(DEFAULT_SETTINGS, { get(target, key, receiver) { if (key === 'defaultTimezone') throw new Error('boom'); return Reflect.get(target, key, receiver); } });
    const model = buildModel(new DocumentParser().parse('file:///pm.md', 3, text), settings, true, logger);
    assert.ok(logged.some((l) => /^Model reader 'timeline' failed on file:\/\/\/pm\.md \(version 3\).*\| boom$/.test(l)), logged.join('\n'));
    assert.deepEqual(model.timeline, []);
    assert.equal(model.actionItems.length, 1, 'the other readers still ran');
    assert.ok(model.sections.length > 0);
  });

  it('logs nothing for an ordinary document', () => {
    const logged: string[] = [];
    buildModel(new DocumentParser().parse('file:///pm.md', 1, text), DEFAULT_SETTINGS, true, { info() {}, warn() {}, error(m: string) { logged.push(m); } });
    assert.deepEqual(logged, []);
  });
});
