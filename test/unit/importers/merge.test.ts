import assert from 'node:assert/strict';
import { loadEntries } from '../../../core/importers/load';
import { matchKey } from '../../../core/importers/merge';
import { selectEntries } from '../../../core/importers/select';
import type { ImportedEntry } from '../../../core/importers/types';
import { defaultWindow, MARGIN_AFTER_MS, MARGIN_BEFORE_MS, OPEN_END_MS } from '../../../core/importers/window';
import { entry, merge, modelOf, readFixture, fixture } from './support';

const minute = (iso: string) => `${iso.slice(0, 16)}:00Z`;

/** Every written top-level entry is read back at its own minute. */
function assertReadBack(text: string, added: readonly ImportedEntry[], zone = 'UTC'): void {
  const model = modelOf(text, zone);
  for (const e of added.filter((x) => !x.parentId || !added.some((p) => p.id === x.parentId))) {
    const found = model.timeline.find((t) => t.iso === minute(e.instant) && matchKey(t.text).includes(matchKey(e.author)));
    assert.ok(found, `${e.instant} ${e.author} not read back at ${minute(e.instant)}:\n${model.timeline.map((t) => `${t.iso} ${t.rawTime} ${t.text.slice(0, 50)}`).join('\n')}`);
  }
}

describe('importers: merge into the timeline', () => {
  let slack: ImportedEntry[];
  before(async () => {
    slack = (await loadEntries({ kind: 'slack', location: fixture('slack-export'), channel: 'inc-checkout-pool' })).entries;
  });

  it('table: rows in time order, in the document zone, across midnight and the DST change', () => {
    const doc = readFixture('postmortem-table.md');
    const chosen = selectEntries(slack, 'all');
    const { text, plan } = merge(doc, chosen);
    assert.equal(plan.added.length, chosen.length);
    const rows = text.split('\n').filter((l) => l.startsWith('| '));
    assert.deepEqual(rows.map((r) => r.split(' | ')[0]!.slice(2)), [
      'Time ', '-----', '15:50', '23:35', '23:42', '23:43', '23:45', '23:52', '23:58', '2024-03-10 00:03', '00:04', '00:10', '03:30', '2024-03-11 10:00',
    ]);
    assertReadBack(text, plan.added);
    const model = modelOf(text);
    const instants = model.timeline.map((t) => t.iso!);
    assert.deepEqual(instants, [...instants].sort(), 'chronological');
    // 03:30 is PDT (UTC-7) after the change at 02:00: 10:30Z.
    assert.ok(model.timeline.some((t) => t.rawTime === '03:30' && t.iso === '2024-03-10T10:30:00Z'));
  });

  it('table: thread replies stay in their parent row; chat text never adds a cell or a line', () => {
    const doc = readFixture('postmortem-table.md');
    const { text } = merge(doc, selectEntries(slack, 'all'));
    const row = text.split('\n').find((l) => l.includes('paging @Bob Okafor'))!;
    assert.match(row, /↳ 23:47 \*\*Bob Okafor\*\*: pool max is 5 in 2\.14, was 50 in 2\.13 ↳ 23:48 \*\*Carol Díaz\*\*: that came in/);
    const model = modelOf(text);
    const tableRows = text.split('\n').filter((l) => /^\| \d/.test(l));
    assert.equal(model.timeline.length, tableRows.length, 'every row is one entry');
    const dave = text.split('\n').find((l) => l.includes('Dave'))!;
    const cells = dave.split(/(?<!\\)\|/).length - 2;
    assert.equal(cells, 2, dave);
    assert.ok(!/(?<!\\)<(?!\/?\w+>\\)/.test(dave.replace(/\\</g, '')), 'no raw HTML');
    assert.ok(!/(?<![\\&])<script/.test(dave));
  });

  it('importing the same messages again adds nothing', () => {
    const doc = readFixture('postmortem-table.md');
    const chosen = selectEntries(slack, 'all');
    const first = merge(doc, chosen, { participants: true });
    const second = merge(first.text, chosen, { participants: true });
    assert.equal(second.plan.edits.length, 0);
    assert.equal(second.plan.present.length, chosen.length);
    assert.equal(second.text, first.text);
  });

  it('a reply chosen later joins as its own entry, once', () => {
    const doc = readFixture('postmortem-table.md');
    const parent = slack.find((e) => e.instant === '2024-03-10T07:43:20.000Z')!;
    const reply = slack.find((e) => e.parentId === parent.id)!;
    const first = merge(doc, [parent]);
    const second = merge(first.text, [parent, reply]);
    assert.equal(second.plan.added.length, 1);
    assert.match(second.text, /\| 23:47 \| \*\*Bob Okafor\*\*: pool max/);
    assert.equal(merge(second.text, [parent, reply]).plan.edits.length, 0);
  });

  it('two identical messages in one minute are two entries, and stay two', () => {
    const doc = readFixture('postmortem-list.md');
    const a = entry({ id: 'slack:C1:1', instant: '2024-03-10T07:50:10.000Z', text: '+1' });
    const b = entry({ id: 'slack:C1:2', instant: '2024-03-10T07:50:40.000Z', text: '+1' });
    const once = merge(doc, [a, b]);
    assert.equal(once.text.split('\n').filter((l) => l.includes('**Alice Chen**: +1')).length, 2);
    assert.equal(merge(once.text, [a, b]).plan.edits.length, 0);
  });

  it('list: list items, replies nested under their parent; flow participants extended', async () => {
    const teams = (await loadEntries({ kind: 'teams', location: fixture('teams') })).entries;
    const doc = readFixture('postmortem-list.md');
    const { text, plan } = merge(doc, teams, { participants: true });
    assert.match(text, /\n- 07:42 — Alert fired: checkout 5xx rate above 5%\n- 07:43 — \*\*Alice Chen\*\*: \*\*Checkout errors\*\* @Bob Okafor paging you.*\n {2}- 07:47 — \*\*Bob Okafor\*\*: pool max is 5/);
    assert.match(text, /^participants: \["Alice Chen", Bob Okafor, "Dave \| Ops"\]$/m);
    assert.deepEqual(plan.participantsAdded, ['Bob Okafor', 'Dave | Ops']);
    assertReadBack(text, plan.added);
    assert.deepEqual(modelOf(text).metadata.participants.map((p) => p.value), ['Alice Chen', 'Bob Okafor', 'Dave | Ops']);
    assert.equal(merge(text, teams, { participants: true }).plan.edits.length, 0);
  });

  it('no timeline: a Timeline section in its canonical place; PagerDuty fills empty key times only', async () => {
    const pd = (await loadEntries({ kind: 'pagerduty', location: fixture('pagerduty') })).entries;
    const doc = readFixture('postmortem-no-timeline.md');
    const { text, plan } = merge(doc, pd, { participants: true });
    assert.match(text, /## Summary\n\nCheckout requests failed because the connection pool was too small\.\n\n## Timeline\n\n- 07:42 — \*\*Datadog\*\*: Triggered: checkout 5xx rate above 5%\n/);
    assert.match(text, /- 10:30 — \*\*Alice Chen\*\*: Resolved by Alice Chen\.\n\n## Contributing factors/);
    assert.deepEqual(plan.keyTimesFilled, ['detected', 'acknowledged', 'resolved']);
    const model = modelOf(text);
    assert.equal(model.metadata.times.detected?.iso, '2024-03-10T07:42:00Z');
    assert.equal(model.metadata.times.acknowledged?.iso, '2024-03-10T07:44:00Z');
    assert.equal(model.metadata.times.resolved?.iso, '2024-03-10T10:30:00Z');
    assert.equal(model.metadata.times.started?.iso, '2024-03-10T07:35:00Z', 'stated times untouched');
    assert.deepEqual(plan.participantsAdded, ['Bob Okafor', 'Alice Chen'], 'the integration is no participant');
    const again = merge(text, pd, { participants: true });
    assert.equal(again.plan.edits.length, 0);
  });

  it('an empty Timeline section gets a list under what it already says', () => {
    const doc = '---\ntitle: X\nstarted: 2024-03-10 07:35 UTC\n---\n\n# X\n\n## Timeline\n\nAll times UTC.\n\n## Lessons learned\n\nSome.\n';
    const { text } = merge(doc, [entry({ instant: '2024-03-10T07:40:00Z', text: 'paging bob' })]);
    assert.match(text, /## Timeline\n\nAll times UTC\.\n\n- 07:40 — \*\*Alice Chen\*\*: paging bob\n\n## Lessons learned/);
  });

  it('headings and paragraphs keep their style', () => {
    const headings = '---\ntitle: X\ndate: 2024-03-10\ntimezone: UTC\n---\n\n## Timeline\n\n### 07:35 — Errors started\n\nAfter the release.\n\n### 08:00 — Rolled back\n\n## Lessons learned\n';
    const h = merge(headings, [entry({ instant: '2024-03-10T07:45:00Z', text: 'paging ### bob ##' })]);
    assert.match(h.text, /After the release\.\n\n### 07:45 — \*\*Alice Chen\*\*: paging ### bob \\#\\#\n\n### 08:00/);
    assertReadBack(h.text, h.plan.added);
    const paragraphs = '---\ntitle: X\ndate: 2024-03-10\ntimezone: UTC\n---\n\n## Timeline\n\n**07:35** - Errors started\n\n**08:00** - Rolled back\n';
    const p = merge(paragraphs, [entry({ instant: '2024-03-10T08:10:00Z', text: 'resolved' })]);
    assert.match(p.text, /\*\*08:00\*\* - Rolled back\n\n\*\*08:10\*\* - \*\*Alice Chen\*\*: resolved\n$/);
    assertReadBack(p.text, p.plan.added);
  });

  it('threads in heading and paragraph timelines stay in their entry, and are not added twice', () => {
    const parent = entry({ id: 'slack:C1:p', instant: '2024-03-10T07:45:00Z', text: 'paging bob' });
    const reply = entry({ id: 'slack:C1:r', instant: '2024-03-10T07:47:00Z', text: 'on it', author: 'Bob', authorId: 'U2', parentId: 'slack:C1:p' });
    const headings = '---\ntitle: X\ndate: 2024-03-10\ntimezone: UTC\n---\n\n## Timeline\n\n### 07:35 — Errors started\n\n### 08:00 — Rolled back\n';
    const h = merge(headings, [parent, reply]);
    assert.match(h.text, /### 07:45 — \*\*Alice Chen\*\*: paging bob\n\n↳ 07:47 \*\*Bob\*\*: on it\n\n### 08:00/);
    assert.equal(merge(h.text, [parent, reply]).plan.edits.length, 0);
    const paragraphs = '---\ntitle: X\ndate: 2024-03-10\ntimezone: UTC\n---\n\n## Timeline\n\n**07:35** - Errors started\n\n**08:00** - Rolled back\n';
    const p = merge(paragraphs, [parent, reply]);
    assert.match(p.text, /\*\*07:45\*\* - \*\*Alice Chen\*\*: paging bob\n↳ 07:47 \*\*Bob\*\*: on it\n\n\*\*08:00\*\*/);
    assert.equal(merge(p.text, [parent, reply]).plan.edits.length, 0);
    assert.equal(modelOf(p.text).timeline.length, 3);
  });

  it('a table with a Who column gets the author there', () => {
    const doc = '---\ntitle: X\ndate: 2024-03-10\ntimezone: UTC\n---\n\n## Timeline\n\n| Time | Who | What |\n|---|---|---|\n| 07:35 | system | Errors started |\n';
    const { text } = merge(doc, [entry({ instant: '2024-03-10T07:45:00Z', text: 'a | b', author: 'Bob | Ops' })]);
    assert.match(text, /\| 07:35 \| system \| Errors started \|\n\| 07:45 \| Bob \\\| Ops \| a \\\| b \|\n?$/);
  });

  it('times with a zone and a date keep that form, the abbreviation following daylight saving', () => {
    const doc = '---\ntitle: X\n---\n\n## Timeline\n\n- 2024-03-09 23:35 PST — Errors started\n';
    const { text, plan } = merge(doc, [entry({ instant: '2024-03-10T10:30:00Z', text: 'resolved' })]);
    assert.match(text, /- 2024-03-10 03:30 PDT — \*\*Alice Chen\*\*: resolved/);
    assertReadBack(text, plan.added);
  });

  it('entries before the first one go before it, with a date when the day differs', () => {
    const doc = readFixture('postmortem-list.md');
    const { text, plan } = merge(doc, [entry({ instant: '2024-03-09T22:00:00Z', text: 'deployed 2.14' })]);
    assert.match(text, /## Timeline\n\n- 2024-03-09 22:00 — \*\*Alice Chen\*\*: deployed 2\.14\n- 07:35 — Errors started/);
    assertReadBack(text, plan.added);
    assert.equal(modelOf(text).timeline[1]!.iso, '2024-03-10T07:35:00Z', 'the next entry keeps its day');
  });

  it('an entry after new ones from another day keeps its own day (its date is written when the reader would miss it)', () => {
    const doc = readFixture('postmortem-list.md');
    const { text, plan } = merge(doc, [entry({ instant: '2024-03-09T05:00:00Z', text: 'first symptom in the logs' })]);
    assert.match(text, /## Timeline\n\n- 2024-03-09 05:00 — \*\*Alice Chen\*\*: first symptom in the logs\n- 2024-03-10 07:35 — Errors started after the 2\.14 release\n- 07:42 — Alert fired/);
    assertReadBack(text, plan.added);
    assert.deepEqual(modelOf(text).timeline.map((t) => t.iso), ['2024-03-09T05:00:00Z', '2024-03-10T07:35:00Z', '2024-03-10T07:42:00Z']);
    assert.equal(merge(text, [entry({ instant: '2024-03-09T05:00:00Z', text: 'first symptom in the logs' })]).plan.edits.length, 0);
  });

  it('keeps CRLF line breaks', () => {
    const doc = readFixture('postmortem-list.md').replace(/\n/g, '\r\n');
    const { text } = merge(doc, [entry({ instant: '2024-03-10T07:50:00Z', text: 'x' })], { participants: true });
    assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
    assert.match(text, /- 07:42 — Alert fired: checkout 5xx rate above 5%\r\n- 07:50 — \*\*Alice Chen\*\*: x\r\n/);
  });

  it('inline participants are extended in place; without any field nothing is invented outside frontmatter', () => {
    const inline = '# X\n\n**Date:** 2024-03-10\n**Participants:** Alice Chen, Bob\n\n## Timeline\n\n- 07:35 — Errors started\n';
    const a = merge(inline, [entry({ instant: '2024-03-10T07:50:00Z', text: 'x', author: 'Carol [ops]' })], { participants: true });
    assert.match(a.text, /\*\*Participants:\*\* Alice Chen, Bob, Carol \\\[ops\\\]\n/);
    const none = '# X\n\n**Date:** 2024-03-10\n\n## Timeline\n\n- 07:35 — Errors started\n';
    const b = merge(none, [entry({ instant: '2024-03-10T07:50:00Z', text: 'x', author: 'Carol' })], { participants: true });
    assert.deepEqual(b.plan.participantsAdded, []);
    assert.match(b.plan.notes.join(), /participants not added/);
  });

  it('all changes come as one set of non-overlapping edits', () => {
    const doc = readFixture('postmortem-table.md');
    const { plan } = merge(doc, selectEntries(slack, 'all'), { participants: true });
    const sorted = [...plan.edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (let i = 1; i < sorted.length; i++) {
      const p = sorted[i - 1]!.range.end;
      const c = sorted[i]!.range.start;
      assert.ok(p.line < c.line || (p.line === c.line && p.character < c.character), 'edits overlap or share a position');
    }
  });
});

describe('importers: default window', () => {
  it('from the stated start (minus a margin) to the stated resolution (plus a margin)', () => {
    const m = modelOf('---\ntitle: X\nstarted: 2024-03-10 07:35 UTC\nresolved: 2024-03-10 10:30 UTC\n---\n\n## Timeline\n\n- 07:42 — Alert fired\n');
    assert.deepEqual(defaultWindow(m), { since: Date.parse('2024-03-10T07:35:00Z') - MARGIN_BEFORE_MS, until: Date.parse('2024-03-10T10:30:00Z') + MARGIN_AFTER_MS });
  });
  it('without a stated end: 48 hours; times read off the timeline do not move it', () => {
    const m = modelOf('---\ntitle: X\nstarted: 2024-03-10 07:35 UTC\n---\n\n## Timeline\n\n- 07:42 — Alert fired\n- 08:10 — Mitigated: error rate back to normal\n');
    assert.deepEqual(defaultWindow(m), { since: Date.parse('2024-03-10T07:35:00Z') - MARGIN_BEFORE_MS, until: Date.parse('2024-03-10T07:35:00Z') + OPEN_END_MS });
  });
});
