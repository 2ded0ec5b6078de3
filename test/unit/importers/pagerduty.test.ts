import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEntries } from '../../../core/importers/load';
import { convertPagerDutyEntries, pagerDutyEntriesOf } from '../../../core/importers/pagerduty';
import { ImportError } from '../../../core/importers/types';
import { fixture } from './support';

describe('importers: PagerDuty log entries', () => {
  it('turns triggers, acknowledgements, escalations, notes and resolutions into entries', async () => {
    const { entries } = await loadEntries({ kind: 'pagerduty', location: fixture('pagerduty', 'log_entries.json') });
    assert.deepEqual(entries.map((e) => [e.instant.slice(11, 19), e.author, e.text]), [
      ['07:42:00', 'Datadog', 'Triggered: checkout 5xx rate above 5%'],
      ['07:44:10', 'Bob Okafor', 'Acknowledged by Bob Okafor.'],
      ['07:55:00', 'Bob Okafor', 'Escalated to Alice Chen by Bob Okafor.'],
      ['08:00:00', 'Alice Chen', 'Note: Rolled back checkout-api to 2.13 \\| pool restored'],
      ['10:30:30', 'Alice Chen', 'Resolved by Alice Chen.'],
    ]);
    assert.ok(entries.every((e) => e.suggested));
    assert.deepEqual(entries.map((e) => e.marks ?? null), ['detected', 'acknowledged', null, null, 'resolved']);
    assert.equal(entries[0]!.flags.bot, true, 'an integration is no responder');
    assert.equal(entries[1]!.authorId, 'PBOB01');
  });

  it('marks the first trigger and acknowledgement and the last resolution', () => {
    const at = (type: string, iso: string, id: string) => ({ id, type, created_at: iso, summary: type, agent: { type: 'user_reference', summary: 'A', id: 'P1' } });
    const out = convertPagerDutyEntries([
      at('resolve_log_entry', '2024-01-01T10:00:00Z', 'r1'),
      at('trigger_log_entry', '2024-01-01T09:00:00Z', 't1'),
      at('trigger_log_entry', '2024-01-01T10:30:00Z', 't2'),
      at('resolve_log_entry', '2024-01-01T11:00:00Z', 'r2'),
    ]);
    assert.deepEqual(out.map((e) => `${e.id}:${e.marks ?? '-'}`), ['pagerduty:t1:detected', 'pagerduty:r1:-', 'pagerduty:t2:-', 'pagerduty:r2:resolved']);
  });

  it('rejects other JSON with a typed error naming the file', () => {
    assert.throws(() => pagerDutyEntriesOf({ value: [] }, 'teams.json'), (e: unknown) => e instanceof ImportError && e.code === 'foreign' && /teams\.json/.test(e.message));
    assert.throws(() => pagerDutyEntriesOf([{ type: 'message' }], 'a.json'), (e: unknown) => e instanceof ImportError && e.code === 'foreign');
  });

  it('reads the pages saved beside the first one (more: true)', async () => {
    const all = JSON.parse(fs.readFileSync(fixture('pagerduty', 'log_entries.json'), 'utf8'));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-pd-'));
    try {
      fs.writeFileSync(path.join(tmp, 'page-1.json'), JSON.stringify({ ...all, log_entries: all.log_entries.slice(0, 3), limit: 3, more: true }));
      fs.writeFileSync(path.join(tmp, 'page-2.json'), JSON.stringify({ ...all, log_entries: all.log_entries.slice(3), offset: 3, limit: 3, more: false }));
      fs.writeFileSync(path.join(tmp, 'notes.txt'), 'not a page');
      const paged = await loadEntries({ kind: 'pagerduty', location: path.join(tmp, 'page-1.json') });
      const whole = await loadEntries({ kind: 'pagerduty', location: fixture('pagerduty', 'log_entries.json') });
      assert.deepEqual(paged.entries, whole.entries);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('respects the window', async () => {
    const { entries } = await loadEntries({ kind: 'pagerduty', location: fixture('pagerduty'), options: { since: Date.parse('2024-03-10T07:50:00Z'), until: Date.parse('2024-03-10T09:00:00Z') } });
    assert.equal(entries.length, 2);
  });
});
