import assert from 'node:assert/strict';
import { resolvedBeforeStarted } from '../../../../server/src/service/rules/resolvedBeforeStarted';
import { checkSeverityOverride, makeMetadata, makeModel, runRule, rng } from '../modelFactory';

const kt = (raw: string, iso: string | null, line: number) => ({ raw, iso, range: rng(line, 10, 10 + raw.length), source: 'frontmatter' as const });

describe('rule resolved-before-started', () => {
  it('reports resolved before started at the resolved time', () => {
    const model = makeModel({ metadata: makeMetadata({ times: { started: kt('14:00', '2024-05-01T14:00:00Z', 5), resolved: kt('13:00', '2024-05-01T13:00:00Z', 6) } }) });
    const fs = runRule(resolvedBeforeStarted, model);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'error');
    assert.deepEqual(fs[0]!.range, rng(6, 10, 15));
    // Was /^Resolved \(13:00 = 13:00\) is before started/: that assertion encoded the bug (the reading repeated when it is the same).
    assert.match(fs[0]!.message, /^Resolved at 13:00 is before started at 14:00\. /);
  });
  it('adds how a time was read only when it reads differently', () => {
    const model = makeModel({ metadata: makeMetadata({ times: { started: kt('2024-05-01 10:00 EDT', '2024-05-01T14:00:00Z', 5), resolved: kt('13:00', '2024-05-01T13:00:00Z', 6) } }) });
    assert.match(runRule(resolvedBeforeStarted, model)[0]!.message, /^Resolved at 13:00 is before started at 2024-05-01 10:00 EDT \(14:00\)\. /);
  });
  it('reports mitigated before started and resolved before mitigated', () => {
    const model = makeModel({ metadata: makeMetadata({ times: { started: kt('14:00', '2024-05-01T14:00:00Z', 5), mitigated: kt('13:00', '2024-05-01T13:00:00Z', 6), resolved: kt('14:30', '2024-05-01T14:30:00Z', 7) } }) });
    assert.deepEqual(runRule(resolvedBeforeStarted, model).map((f) => f.range.start.line), [6]);
    const m2 = makeModel({ metadata: makeMetadata({ times: { mitigated: kt('15:00', '2024-05-01T15:00:00Z', 6), resolved: kt('14:30', '2024-05-01T14:30:00Z', 7) } }) });
    assert.deepEqual(runRule(resolvedBeforeStarted, m2).map((f) => f.range.start.line), [7]);
  });
  it('accepts times in order, and ignores unreadable ones', () => {
    const model = makeModel({ metadata: makeMetadata({ times: { started: kt('14:00', '2024-05-01T14:00:00Z', 5), resolved: kt('later', null, 6) } }) });
    assert.deepEqual(runRule(resolvedBeforeStarted, model), []);
    const ok = makeModel({ metadata: makeMetadata({ times: { started: kt('14:00', '2024-05-01T14:00:00Z', 5), resolved: kt('01:00', '2024-05-02T01:00:00Z', 6) } }) });
    assert.deepEqual(runRule(resolvedBeforeStarted, ok), []);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(resolvedBeforeStarted, makeModel({ metadata: makeMetadata({ times: { started: kt('14:00', '2024-05-01T14:00:00Z', 5), resolved: kt('13:00', '2024-05-01T13:00:00Z', 6) } }) }));
  });
});
