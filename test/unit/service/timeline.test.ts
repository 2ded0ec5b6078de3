import assert from 'node:assert/strict';
import { readTimeline } from '../../../server/src/service/model/timeline';
import { applyKeyMoments } from '../../../server/src/service/model/keyMoments';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { Metadata, TimelineEntry } from '../../../common/model';
import { parsedDocument } from '../../corpus/helpers';
import { readSections } from '../../../server/src/service/model/sections';
import { readMetadata } from '../../../server/src/service/model/metadata';

function timeline(text: string, meta: Partial<Metadata> = {}, settings = DEFAULT_SETTINGS): { entries: TimelineEntry[]; text: string } {
  const doc = parsedDocument(text);
  const metadata = { ...readMetadata(doc, DEFAULT_SETTINGS), ...meta };
  return { entries: readTimeline(doc, readSections(doc), metadata, settings), text };
}

function sliceOf(text: string, r: TimelineEntry['timeRange']): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line]!.slice(r.start.character, r.end.character);
  return [lines[r.start.line]!.slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line]!.slice(0, r.end.character)].join('\n');
}

describe('timeline: shapes', () => {
  const shapes: { name: string; doc: string; meta?: Partial<Metadata>; expect: [string, string | null, string][] }[] = [
    {
      name: 'bullet list with ISO times',
      doc: '# Outage\n\n## Timeline\n\n- 2024-05-01 14:03 UTC: Deploy starts\n- 2024-05-01 14:10 UTC: Alert fired for errors\n',
      expect: [['2024-05-01 14:03 UTC', '2024-05-01T14:03:00Z', 'Deploy starts'], ['2024-05-01 14:10 UTC', '2024-05-01T14:10:00Z', 'Alert fired for errors']],
    },
    {
      name: 'table with a zone in the header',
      doc: '# X\n\n## Timeline\n\n| Date and Time in CET | Event |\n|---|---|\n| 2019-11-29 12:00 | Scaled up |\n| 2019-12-03 --:-- | Surge |\n',
      expect: [['2019-11-29 12:00', '2019-11-29T11:00:00Z', 'Scaled up'], ['2019-12-03 --:--', null, 'Surge']],
    },
    {
      name: 'date and time in separate columns',
      doc: '# X\n\n## Timeline\n\n| Date | Time | What |\n|---|---|---|\n| 2024-05-01 | 09:00 | Paged |\n',
      expect: [['09:00', '2024-05-01T09:00:00Z', 'Paged']],
    },
    {
      name: 'headings as entries, date carried, rolled past midnight, zone sentence',
      doc: '# 2024-03-09, thing\n\n## Timeline\n\nAll times in PST\n\n### 2024-03-09 23:50\n\nSomething breaks.\n\n### 00:10 - second\n\nMore text.\n',
      expect: [['2024-03-09 23:50', '2024-03-10T07:50:00Z', 'Something breaks.'], ['00:10', '2024-03-10T08:10:00Z', 'second More text.']],
    },
    {
      name: 'date sub-headings with entries as bullets',
      doc: '# Y\n\n## Timeline (UTC)\n\n### 2020-02-20\n\n- 21:17: one\n\n### 2020-02-21\n\n- **09:27**: two\n',
      expect: [['21:17', '2020-02-20T21:17:00Z', 'one'], ['09:27', '2020-02-21T09:27:00Z', 'two']],
    },
    {
      name: 'date headings at the timeline level continue it',
      doc: '# Incident May 12 2025\n\n## Timeline\n\n_All times in EEST_\n\n## May 12\n\n### 20:15\n\nOpened.\n\n## 13 May\n\n### 11:00 AM\n\nClosed.\n\n## Action items\n\n- x\n',
      expect: [['20:15', '2025-05-12T17:15:00Z', 'Opened.'], ['11:00 AM', '2025-05-13T08:00:00Z', 'Closed.']],
    },
    {
      name: 'bold pseudo-heading and bold AM/PM times, date and zone from the prose',
      doc: '### Postmortem\n\n- **Duration:** (10:00 AM - 12:00 PM WAT, August 15, 2024)\n\n**Timeline:**\n\n- **10:05 AM:** Monitoring alert went off.\n- **12:00 PM:** Back.\n\n**Root Cause:**\n\n- x\n',
      expect: [['10:05 AM', '2024-08-15T09:05:00Z', 'Monitoring alert went off.'], ['12:00 PM', '2024-08-15T11:00:00Z', 'Back.']],
    },
    {
      name: 'paragraph entries and unknown times are kept',
      doc: '# Z\n\n## Timeline\n\n2018-08-22, 03:26pm: first noticed\nwrapped line.\n\n[???] onset unknown\n',
      meta: {},
      expect: [['2018-08-22, 03:26pm', '2018-08-22T15:26:00Z', 'first noticed wrapped line.'], ['???', null, 'onset unknown']],
    },
    {
      name: 'numbered list with the time in parentheses',
      doc: '## Response Timeline\n\n1. **Report** (13 August, ~15:00 UTC)\n',
      expect: [['13 August, ~15:00 UTC', null, 'Report']],
    },
    {
      name: 'metadata timezone and date',
      doc: '# Q\n\n## Timeline\n\n- 14:00 started\n',
      meta: { date: { value: '2024-06-01', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, source: 'frontmatter' }, timezone: { value: 'Europe/Berlin', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, source: 'frontmatter' } },
      expect: [['14:00', '2024-06-01T12:00:00Z', 'started']],
    },
  ];
  for (const s of shapes) {
    it(s.name, () => {
      const { entries, text } = timeline(s.doc, s.meta);
      assert.deepEqual(entries.map((e) => [e.rawTime, e.iso, e.text]), s.expect);
      for (const e of entries) if (e.rawTime) assert.equal(sliceOf(text, e.timeRange), e.rawTime, 'timeRange covers exactly the timestamp');
    });
  }

  it('records "zone assumed" when nothing names a zone', () => {
    const { entries } = timeline('# 2024-05-01 x\n\n## Timeline\n\n- 10:00 a\n');
    assert.equal(entries[0]!.zone, null);
    assert.match(entries[0]!.note ?? '', /zone assumed/);
    const berlin = timeline('# 2024-05-01 x\n\n## Timeline\n\n- 10:00 a\n', {}, { ...DEFAULT_SETTINGS, defaultTimezone: 'Europe/Berlin' });
    assert.equal(berlin.entries[0]!.iso, '2024-05-01T08:00:00Z');
  });

  it('marks key moments conservatively and fills metadata times', () => {
    const doc = '# 2024-05-01 x\n\n## Timeline (UTC)\n\n- 10:00 Outage begins after deploy\n- 10:05 Alert fired\n- 10:07 On-call acknowledged\n- 10:20 Deploy rolled back\n- 10:30 Issue resolved? not yet\n- 10:45 Incident resolved\n';
    const { entries } = timeline(doc);
    assert.deepEqual(entries.map((e) => e.marks ?? null), ['started', 'detected', 'acknowledged', 'mitigated', null, 'resolved']);
    const parsed = parsedDocument(doc);
    const meta = readMetadata(parsed, DEFAULT_SETTINGS);
    meta.times.detected = { raw: '10:04', iso: '2024-05-01T10:04:00Z', range: entries[0]!.range, source: 'frontmatter' };
    applyKeyMoments(meta, entries);
    assert.equal(meta.times.detected?.iso, '2024-05-01T10:04:00Z', 'metadata wins');
    assert.equal(meta.times.started?.source, 'timeline');
    assert.equal(meta.times.resolved?.iso, '2024-05-01T10:45:00Z');
  });

  it('returns nothing without a timeline', () => {
    assert.deepEqual(timeline('# Title\n\n## Summary\n\n- 10:00 not a timeline\n').entries, []);
  });
});
