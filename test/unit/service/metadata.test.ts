import assert from 'node:assert/strict';
import { DocumentParser } from '../../../server/src/service/parse';
import { readMetadata } from '../../../server/src/service/model/metadata';
import { readFrontmatter } from '../../../server/src/service/model/frontmatter';
import { positionAt, offsetAt, rangeOfNode, rangeFromOffsets, textOf } from '../../../server/src/service/model/ranges';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { Range } from '../../../common/model';

const parse = (text: string) => new DocumentParser().parse('file:///t.md', 1, text);
const meta = (text: string) => {
  const doc = parse(text);
  return { doc, m: readMetadata(doc, DEFAULT_SETTINGS) };
};
const at = (text: string, r: Range | undefined) => {
  assert.ok(r, 'range missing');
  return textOf(parse(text), r);
};

describe('metadata: frontmatter', () => {
  it('reads YAML keys with exact key and value ranges', () => {
    const text = '---\ntitle: Checkout outage\nseverity: SEV2\nservices: [checkout, payments]\nstarted: 2024-05-01 14:03 UTC\n---\n\n# Checkout outage\n';
    const { m } = meta(text);
    assert.equal(m.frontmatter?.kind, 'yaml');
    assert.equal(m.frontmatter?.error, undefined);
    assert.equal(m.severity?.value, 'SEV2');
    assert.equal(m.severity?.source, 'frontmatter');
    assert.equal(at(text, m.severity?.range), 'SEV2');
    assert.equal(at(text, m.severity?.keyRange), 'severity');
    assert.deepEqual(m.frontmatter?.keys.title?.keyRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
    assert.deepEqual(m.services.map((s) => s.value), ['checkout', 'payments']);
    assert.equal(at(text, m.services[1]!.range), 'payments');
    assert.equal(m.times.started?.iso, '2024-05-01T14:03:00Z');
    assert.equal(m.times.started?.raw, '2024-05-01 14:03 UTC');
    assert.equal(m.title?.value, 'Checkout outage');
  });

  it('reads TOML frontmatter with key ranges', () => {
    const text = '+++\ntitle = "DB failover"\nseverity = "SEV1"\n[extra]\nteam = "core"\n+++\n\nBody\n';
    const { m } = meta(text);
    assert.equal(m.frontmatter?.kind, 'toml');
    assert.equal(m.frontmatter?.error, undefined);
    assert.equal(m.severity?.value, 'SEV1');
    assert.equal(at(text, m.frontmatter?.keys.severity?.keyRange), 'severity');
    assert.equal(at(text, m.frontmatter?.keys.severity?.valueRange), '"SEV1"');
    assert.deepEqual(m.frontmatter?.data.extra, { team: 'core' });
  });

  it('reports broken YAML with the range of the problem', () => {
    const text = '---\ntitle: ok\nseverity: [SEV1\nstatus: draft\n---\n\n# T\n';
    const { m } = meta(text);
    assert.ok(m.frontmatter?.error);
    assert.match(m.frontmatter!.error!.message, /YAML/);
    const line = m.frontmatter!.error!.range.start.line;
    assert.ok(line >= 2 && line <= 4, `error on line ${line}`);
  });

  it('reports duplicate keys', () => {
    const { m } = meta('---\nseverity: SEV1\nseverity: SEV2\n---\n');
    assert.ok(m.frontmatter?.error);
    assert.equal(m.frontmatter!.error!.range.start.line, 2);
  });

  it('stops an alias bomb quickly with an error and a range', () => {
    let y = 'a: &a [x,x,x,x,x,x,x,x,x,x]\n';
    const names = 'bcdefghijk';
    let prev = 'a';
    for (const n of names) {
      y += `${n}: &${n} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]\n`;
      prev = n;
    }
    const text = `---\n${y}---\n\n# Bomb\n`;
    const t0 = performance.now();
    const { m } = meta(text);
    assert.ok(performance.now() - t0 < 2000);
    assert.ok(m.frontmatter?.error, 'alias bomb must be an error');
    assert.ok(m.frontmatter!.error!.range.start.line >= 1);
    assert.deepEqual(m.frontmatter!.data, {});
  });

  it('reports a frontmatter that is not a map', () => {
    const doc = parse('---\n- a\n- b\n---\n');
    const fm = readFrontmatter(doc);
    assert.match(fm?.error?.message ?? '', /map/);
  });

  it('reports broken TOML with the line of the problem', () => {
    const { m } = meta('+++\ntitle = "x"\nseverity = \n+++\n');
    assert.ok(m.frontmatter?.error);
    assert.equal(m.frontmatter!.error!.range.start.line, 2);
  });
});

describe('metadata: hand-written forms', () => {
  it('reads bold lines in both colon styles', () => {
    const text = '# Outage\n\n**Severity:** SEV1  \n**Status**: Draft\n**Incident commander:** @alice\n';
    const { m } = meta(text);
    assert.equal(m.severity?.value, 'SEV1');
    assert.equal(m.severity?.source, 'inline');
    assert.equal(at(text, m.severity?.range), 'SEV1');
    assert.equal(at(text, m.severity?.keyRange), 'Severity');
    assert.equal(m.status?.value, 'Draft');
    assert.equal(m.owner?.value, '@alice');
    assert.equal(m.title?.value, 'Outage');
  });

  it('reads bold-label bullets, lists and key times', () => {
    const text = '# Outage\n\n- **Start time**: 2024-05-01 14:03 UTC\n- **Resolved**: 2024-05-01 15:10 UTC\n- **Affected services**: api, web; worker\n- **Responders**: Ann, Bo\n- **Detected by**: pager\n';
    const { m } = meta(text);
    assert.equal(m.times.started?.iso, '2024-05-01T14:03:00Z');
    assert.equal(at(text, m.times.started?.range), '2024-05-01 14:03 UTC');
    assert.equal(m.times.resolved?.iso, '2024-05-01T15:10:00Z');
    assert.deepEqual(m.services.map((s) => s.value), ['api', 'web', 'worker']);
    assert.equal(at(text, m.services[2]!.range), 'worker');
    assert.deepEqual(m.participants.map((s) => s.value), ['Ann', 'Bo']);
    assert.equal(m.extra['detected by']?.value, 'pager');
  });

  it('reads plain known-key lines near the top, not prose further down', () => {
    const text = '# Outage\n\nSeverity: SEV3\nNote: not a key\n\n## Summary\n\nStatus: this is prose in the summary\n';
    const { m } = meta(text);
    assert.equal(m.severity?.value, 'SEV3');
    assert.equal(m.status, undefined);
    assert.equal(m.extra.note, undefined);
  });

  it('reads a two-column metadata table', () => {
    const text = '# Outage\n\n| Field | Value |\n|---|---|\n| Severity | SEV2 |\n| Owner | @bob |\n| Customers affected | 1,200 |\n| Region | eu-west-1 |\n';
    const { m } = meta(text);
    assert.equal(m.severity?.value, 'SEV2');
    assert.equal(m.severity?.source, 'table');
    assert.equal(at(text, m.severity?.range), 'SEV2');
    assert.equal(at(text, m.severity?.keyRange), 'Severity');
    assert.equal(m.owner?.value, '@bob');
    assert.equal(m.customersAffected?.value, '1,200');
    assert.equal(m.extra.region?.value, 'eu-west-1');
  });

  it('reads tiny metadata sections (Date with Start/End, Authors, Status)', () => {
    const text = '# Cert expired\n\n## Date\nStart: 2018-08-22 10:00\nEnd: 2018-08-23 09:30\n\n## Authors\nAnn Example, Bo Example\n\n## Status\nResolved\n\n## Summary\n\nText.\n';
    const { m } = meta(text);
    assert.equal(m.times.started?.raw, '2018-08-22 10:00');
    assert.equal(m.times.started?.iso, '2018-08-22T10:00:00Z');
    assert.equal(m.times.resolved?.raw, '2018-08-23 09:30');
    assert.equal(m.status?.value, 'Resolved');
    assert.equal(m.owner?.value, 'Ann Example, Bo Example');
    assert.deepEqual(m.participants.map((p) => p.value), ['Ann Example', 'Bo Example']);
  });

  it('reads the zone of "All times ..." sentences', () => {
    for (const [line, zone] of [['All times PDT.', 'PDT'], ['_All times in EEST_', 'EEST'], ['All times in PDT (UTC-7).', 'PDT'], ['All times are in Central European Time (CET).', 'CET'], ['All times in UC/Pacific', 'UC/Pacific']]) {
      const text = `# T\n\n${line}\n`;
      const { m } = meta(text);
      assert.equal(m.timezone?.value, zone, line);
      assert.equal(at(text, m.timezone?.range), zone);
    }
  });

  it('lets the frontmatter win and reads times in the document zone', () => {
    const text = '---\nseverity: SEV1\ntimezone: Europe/Berlin\ndate: 2024-07-01\n---\n\n**Severity:** SEV4\n**Started:** 14:00\n';
    const { m } = meta(text);
    assert.equal(m.severity?.value, 'SEV1');
    assert.equal(m.timezone?.value, 'Europe/Berlin');
    assert.equal(m.times.started?.iso, '2024-07-01T12:00:00Z');
  });

  it('never throws on odd input', () => {
    for (const t of ['', '---\n---\n', '**:** x', '| a |\n|---|\n| b |', '# \n## Date\n', '\u0000\u0001**Sev:** \u0000']) {
      const { m } = meta(t);
      assert.ok(Array.isArray(m.participants));
    }
  });
});

describe('ranges', () => {
  it('converts between offsets, positions and mdast nodes', () => {
    const text = 'ab\r\ncdé\nf';
    const doc = parse(text);
    assert.deepEqual(positionAt(doc, 4), { line: 1, character: 0 });
    assert.deepEqual(positionAt(doc, 999), { line: 2, character: 1 });
    assert.equal(offsetAt(doc, { line: 1, character: 2 }), 6);
    assert.equal(offsetAt(doc, { line: 0, character: 50 }), 2);
    assert.deepEqual(rangeFromOffsets(doc, 4, 7), { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    const p = doc.tree.children[0]!;
    assert.deepEqual(rangeOfNode(p), { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } });
    assert.deepEqual(rangeOfNode({}), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('counts UTF-16 units for astral characters', () => {
    const text = '# 📅 Timeline\n';
    const doc = parse(text);
    assert.deepEqual(rangeOfNode(doc.tree.children[0]!).end, { line: 0, character: 13 });
  });
});

describe('metadata: key spellings (schema names, snake/kebab/spaced forms, key-time suffixes)', () => {
  const cases: [string, string, (m: ReturnType<typeof readMetadata>) => unknown, unknown][] = [
    ['incidentId', 'INC-7', (m) => m.incidentId?.value, 'INC-7'],
    ['incident_id', 'INC-7', (m) => m.incidentId?.value, 'INC-7'],
    ['incident-id', 'INC-7', (m) => m.incidentId?.value, 'INC-7'],
    ['Incident ID', 'INC-7', (m) => m.incidentId?.value, 'INC-7'],
    ['customersAffected', '1200', (m) => m.customersAffected?.value, '1200'],
    ['customers_affected', '1200', (m) => m.customersAffected?.value, '1200'],
    ['customers-affected', '1200', (m) => m.customersAffected?.value, '1200'],
    ['customersReporting', '14', (m) => m.customersReporting?.value, '14'],
    ['customers_reporting', '14', (m) => m.customersReporting?.value, '14'],
    ['timeZone', 'PDT', (m) => m.timezone?.value, 'PDT'],
    ['started_at', '2024-05-01 14:03 UTC', (m) => m.times.started?.iso, '2024-05-01T14:03:00Z'],
    ['startedAt', '2024-05-01 14:03 UTC', (m) => m.times.started?.iso, '2024-05-01T14:03:00Z'],
    ['start_time', '2024-05-01 14:03 UTC', (m) => m.times.started?.iso, '2024-05-01T14:03:00Z'],
    ['detected_at', '2024-05-01 14:10 UTC', (m) => m.times.detected?.iso, '2024-05-01T14:10:00Z'],
    ['detected time', '2024-05-01 14:10 UTC', (m) => m.times.detected?.iso, '2024-05-01T14:10:00Z'],
    ['acknowledged_at', '2024-05-01 14:12 UTC', (m) => m.times.acknowledged?.iso, '2024-05-01T14:12:00Z'],
    ['mitigatedAt', '2024-05-01 14:30 UTC', (m) => m.times.mitigated?.iso, '2024-05-01T14:30:00Z'],
    ['mitigated_time', '2024-05-01 14:30 UTC', (m) => m.times.mitigated?.iso, '2024-05-01T14:30:00Z'],
    ['resolved_at', '2024-05-01 15:00 UTC', (m) => m.times.resolved?.iso, '2024-05-01T15:00:00Z'],
    ['resolved-time', '2024-05-01 15:00 UTC', (m) => m.times.resolved?.iso, '2024-05-01T15:00:00Z'],
  ];
  for (const [key, value, get, want] of cases) {
    it(`frontmatter '${key}' is read as its field, not extra`, () => {
      const { m } = meta(`---\ntitle: X\n${key}: "${value}"\n---\n\n# X\n`);
      assert.equal(get(m), want);
      assert.equal(m.extra[key.toLowerCase()], undefined);
    });
  }
  it('every metadata key the built-in schema names maps to its field', async () => {
    const schema = JSON.parse((await import('node:fs')).readFileSync('schemas/postmortem.schema.json', 'utf8'));
    const { fieldOfKey } = await import('../../../server/src/service/model/metadataKeys');
    for (const key of Object.keys(schema.properties.metadata.properties)) {
      assert.equal(fieldOfKey(key), key, key);
      const snake = key.replace(/[A-Z]/g, (c: string) => `_${c.toLowerCase()}`);
      assert.equal(fieldOfKey(snake), key, snake);
      assert.equal(fieldOfKey(snake.replace(/_/g, '-')), key, snake.replace(/_/g, '-'));
      assert.equal(fieldOfKey(snake.replace(/_/g, ' ')), key, snake.replace(/_/g, ' '));
    }
  });
  it('inline bold and plain lines use the same spellings', () => {
    const { m } = meta('# X\n\n**Incident ID:** INC-9\n**Customers affected:** 300\n\nDetected at: 2024-05-01 14:10 UTC\n');
    assert.equal(m.incidentId?.value, 'INC-9');
    assert.equal(m.customersAffected?.value, '300');
    assert.equal(m.times.detected?.iso, '2024-05-01T14:10:00Z');
  });
});
