import assert from 'node:assert/strict';
import { computeMetrics } from '../../../server/src/service/model/metrics';
import { formatDuration } from '../../../common/format';
import { readImpact } from '../../../server/src/service/model/impact';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { KeyTimeName, Metadata } from '../../../common/model';
import { parsedDocument } from '../../corpus/helpers';
import { readSections } from '../../../server/src/service/model/sections';
import { readMetadata } from '../../../server/src/service/model/metadata';

const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function meta(times: Partial<Record<KeyTimeName, string | null>>): Metadata {
  const m: Metadata = { frontmatter: null, participants: [], services: [], times: {}, extra: {} };
  for (const [k, iso] of Object.entries(times)) m.times[k as KeyTimeName] = { raw: iso ?? '?', iso: iso ?? null, range: R, source: 'frontmatter' };
  return m;
}

describe('metrics', () => {
  const full = meta({ started: '2024-05-01T10:00:00Z', detected: '2024-05-01T10:15:00Z', acknowledged: '2024-05-01T10:20:00Z', mitigated: '2024-05-01T11:00:00Z', resolved: '2024-05-01T12:24:00Z' });
  it('computes every metric from started by default, stating the definition', () => {
    const m = Object.fromEntries(computeMetrics(full, DEFAULT_SETTINGS).map((x) => [x.name, x]));
    assert.deepEqual(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.minutes])), { timeToDetect: 15, timeToAcknowledge: 5, timeToMitigate: 60, timeToResolve: 144, impactDuration: 144 });
    assert.equal(m.timeToMitigate!.from, 'started');
    assert.match(m.timeToResolve!.definition, /started/);
    assert.match(m.impactDuration!.definition, /started.*resolved/);
  });
  it('measures from detection when the setting says so', () => {
    const m = computeMetrics(full, { ...DEFAULT_SETTINGS, metricsBase: 'detected' }).find((x) => x.name === 'timeToResolve')!;
    assert.equal(m.minutes, 129);
    assert.equal(m.from, 'detected');
    assert.match(m.definition, /detected/);
  });
  const skipped: [string, Partial<Record<KeyTimeName, string | null>>, string[]][] = [
    ['missing ends', { started: '2024-05-01T10:00:00Z' }, []],
    ['unreadable ends', { started: null, detected: '2024-05-01T10:15:00Z' }, []],
    ['negative', { started: '2024-05-01T10:00:00Z', detected: '2024-05-01T09:00:00Z', resolved: '2024-05-01T11:00:00Z' }, ['timeToResolve', 'impactDuration']],
  ];
  for (const [name, times, names] of skipped) it(`skips metrics with ${name}`, () => assert.deepEqual(computeMetrics(meta(times), DEFAULT_SETTINGS).map((m) => m.name), names));

  const durations: [number, string][] = [[0, '0 min'], [45, '45 min'], [60, '1 h'], [84, '1 h 24 min'], [1440, '1 d'], [3060, '2 d 3 h']];
  for (const [min, text] of durations) it(`formats ${min} as ${text}`, () => assert.equal(formatDuration(min), text));
});

describe('impact figures', () => {
  const cases: [string, string[]][] = [
    ['60% of users saw errors for 2 hours; 3.7M failed requests and $2,000 in refunds.', ['60%', '2 hours', '3.7M failed requests', '$2,000']],
    ['Every chef out there did not run.', []],
    ['Between 12:17 and 12:30 UTC on 2023-07-20, our users were affected.', []],
  ];
  for (const [body, figures] of cases) {
    it(`finds ${JSON.stringify(figures)}`, () => {
      const doc = parsedDocument(`# T\n\n## Impact\n\n${body}\n\n## Timeline\n\n- 10:00 x\n`);
      const impact = readImpact(doc, readSections(doc), readMetadata(doc, DEFAULT_SETTINGS));
      assert.deepEqual(impact.figures.map((f) => f.value).sort(), [...figures].sort());
      assert.equal(impact.quantified, figures.length > 0);
      for (const f of impact.figures) assert.equal(doc.text.split('\n')[f.range.start.line]!.slice(f.range.start.character, f.range.end.character), f.value);
    });
  }
  it('counts metadata customer figures', () => {
    const doc = parsedDocument('# T\n');
    const m = readMetadata(doc, DEFAULT_SETTINGS);
    m.customersAffected = { value: 'about 1200', range: R, source: 'frontmatter' };
    assert.equal(readImpact(doc, [], m).quantified, true);
  });
});
