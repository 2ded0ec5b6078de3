import assert from 'node:assert/strict';
import { timelineStartsLate } from '../../../../server/src/service/rules/timelineStartsLate';
import { checkSeverityOverride, entry, makeMetadata, makeModel, runRule, rng } from '../modelFactory';

const kt = (iso: string, line: number, source: 'frontmatter' | 'timeline' = 'frontmatter') => ({ raw: iso.slice(11, 16), iso, range: rng(line, 9, 14), source });

describe('rule timeline-starts-late', () => {
  const tl = [entry('14:03', '2024-05-01T14:03:00Z', 20), entry('14:30', '2024-05-01T14:30:00Z', 21)];
  it('reports a timeline that starts at detection', () => {
    const model = makeModel({ timeline: tl, metadata: makeMetadata({ times: { detected: kt('2024-05-01T14:03:00Z', 20, 'timeline') } }) });
    const fs = runRule(timelineStartsLate, model);
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'information');
    assert.deepEqual(fs[0]!.range, rng(20, 0, 30));
    assert.match(fs[0]!.message, /starts at 14:03, at detection/);
  });
  it('reports a timeline that starts after the impact started', () => {
    const model = makeModel({ timeline: tl, metadata: makeMetadata({ times: { started: kt('2024-05-01T13:50:00Z', 5) } }) });
    assert.match(runRule(timelineStartsLate, model)[0]!.message, /after the impact started \(13:50\)/);
  });
  it('accepts a timeline that starts before detection', () => {
    const model = makeModel({ timeline: tl, metadata: makeMetadata({ times: { started: kt('2024-05-01T14:03:00Z', 20, 'timeline'), detected: kt('2024-05-01T14:30:00Z', 21, 'timeline') } }) });
    assert.deepEqual(runRule(timelineStartsLate, model), []);
    assert.deepEqual(runRule(timelineStartsLate, makeModel({ timeline: tl })), []);
  });
  it('shows the first entry and the start in the same zone, named', () => {
    // New York time on the timeline; the impact start written in UTC in the frontmatter.
    const ny = [entry('2024-03-09 22:40', '2024-03-10T03:40:00Z', 20, { zone: 'America/New_York' })];
    const model = makeModel({ timeline: ny, metadata: makeMetadata({ times: { started: kt('2024-03-10T03:30:00Z', 5) } }) });
    const msg = runRule(timelineStartsLate, model)[0]!.message;
    assert.match(msg, /starts at 22:40, after the impact started \(22:30\), times in America\/New_York\./);
    const late = makeModel({ timeline: ny, metadata: makeMetadata({ times: { started: kt('2024-03-09T03:30:00Z', 5) } }) });
    assert.match(runRule(timelineStartsLate, late)[0]!.message, /starts at 2024-03-09 22:40, after the impact started \(2024-03-08 22:30\), times in America\/New_York/);
  });
  it('takes its severity from settings', () => {
    checkSeverityOverride(timelineStartsLate, makeModel({ timeline: tl, metadata: makeMetadata({ times: { detected: kt('2024-05-01T14:03:00Z', 5) } }) }));
  });
});
