/** Converters take any JSON: they return entries or reject with an ImportError, never anything else. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { convertPagerDutyEntries, pagerDutyEntriesOf } from '../../../core/importers/pagerduty';
import { convertSlackMessages, readChannels, readUsers } from '../../../core/importers/slack/convert';
import { mrkdwnToMarkdown } from '../../../core/importers/slack/mrkdwn';
import { convertTeamsMessages, teamsMessagesOf } from '../../../core/importers/teams';
import { ImportError } from '../../../core/importers/types';
import { inlineFor } from '../../../core/importers/markdown';
import { entry, merge, modelOf } from './support';

const RUNS = 300;

/** Arbitrary JSON, biased towards the fields the converters read. */
const field = fc.constantFrom('ts', 'text', 'user', 'type', 'subtype', 'thread_ts', 'reactions', 'pinned_to', 'files', 'bot_id', 'edited',
  'messageType', 'createdDateTime', 'body', 'content', 'contentType', 'from', 'replyToId', 'replies', 'deletedDateTime', 'value', 'mentions',
  'log_entries', 'created_at', 'summary', 'agent', 'channel', 'id', 'name', 'profile', 'attachments', 'count');
const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom('message', 'bot_message', 'channel_join', 'html', 'text', '1710056600.000200', '2024-03-10T07:43:20Z', 'trigger_log_entry', 'annotate_log_entry', '<at id="0">x</at><script>y</script>'));
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('json'), { maxLength: 5 }), fc.dictionary(fc.oneof(field, fc.string()), tie('json'), { maxKeys: 6 })),
}));

function typedOrNothing(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ImportError, `threw ${String(e)}`);
    assert.ok(!e.message.includes('\n'));
  }
}

describe('importers: converters never throw on arbitrary JSON (fast-check)', () => {
  const channel = { id: 'C1', name: 'inc', pins: new Set<string>() };
  it('Slack', () => {
    fc.assert(fc.property(json, json, json, (messages, users, channels) => {
      typedOrNothing(() => readUsers(users, 'users.json'));
      typedOrNothing(() => readChannels(channels, 'channels.json'));
      typedOrNothing(() => convertSlackMessages(messages, channel, { users: new Map(), channels: [] }, { bots: true }));
      typedOrNothing(() => convertSlackMessages([messages, users], channel, { users: new Map(), channels: [channel] }));
    }), { numRuns: RUNS });
  });
  it('Teams', () => {
    fc.assert(fc.property(json, (page) => typedOrNothing(() => convertTeamsMessages(teamsMessagesOf(page), { bots: true }))), { numRuns: RUNS });
  });
  it('PagerDuty', () => {
    fc.assert(fc.property(json, (page) => typedOrNothing(() => convertPagerDutyEntries(pagerDutyEntriesOf(page)))), { numRuns: RUNS });
  });
  it('mrkdwn of any text is one safe line when written', () => {
    const names = { user: () => undefined, channel: () => undefined };
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const line = inlineFor(mrkdwnToMarkdown(text, names), 'table');
      assert.ok(!line.includes('\n'));
      assert.ok(!/(?<!\\)\|/.test(line.replace(/\\\\/g, '')), `unescaped pipe in ${JSON.stringify(line)}`);
      assert.ok(!line.includes('<'), `raw < in ${JSON.stringify(line)}`);
    }), { numRuns: RUNS });
  });
  it('any chat text keeps a table a table: one row per entry, the entry read back', () => {
    const doc = '---\ntitle: X\ndate: 2024-03-10\ntimezone: UTC\n---\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 07:00 | Start |\n\n## Lessons learned\n\nSome.\n';
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), (text, author) => {
      const e = entry({ instant: '2024-03-10T07:30:00Z', text: mrkdwnToMarkdown(text, { user: () => undefined, channel: () => undefined }) || 'x', author: author || 'a' });
      const out = merge(doc, [e]).text;
      const model = modelOf(out);
      assert.equal(model.timeline.length, 2, out);
      assert.equal(model.timeline[1]!.iso, '2024-03-10T07:30:00Z');
      assert.deepEqual(model.sections.map((s) => s.kind), ['timeline', 'lessons_learned']);
    }), { numRuns: 100 });
  });
  it('any chat text keeps a list a list: a thread is one item with its replies nested, read back, and not added twice', () => {
    const doc = '---\ntitle: X\ndate: 2024-03-10\ntimezone: UTC\n---\n\n## Timeline\n\n- 07:00 — Start\n- 08:00 — End\n\n## Lessons learned\n\nSome.\n';
    const names = { user: () => undefined, channel: () => undefined };
    fc.assert(fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), fc.string({ maxLength: 15 }), (a, b, author) => {
      const top = entry({ id: 'slack:C1:1', instant: '2024-03-10T07:30:00Z', text: mrkdwnToMarkdown(a, names) || 'x', author: author.trim() || 'a' });
      const reply = entry({ id: 'slack:C1:2', instant: '2024-03-10T07:31:00Z', text: mrkdwnToMarkdown(b, names) || 'y', author: 'Bob', parentId: top.id });
      const out = merge(doc, [top, reply]).text;
      const model = modelOf(out);
      assert.deepEqual(model.timeline.map((t) => t.iso), ['2024-03-10T07:00:00Z', '2024-03-10T07:30:00Z', '2024-03-10T08:00:00Z'], out);
      assert.deepEqual(model.sections.map((x) => x.kind), ['timeline', 'lessons_learned']);
      assert.equal(merge(out, [top, reply]).plan.edits.length, 0, out);
    }), { numRuns: 100 });
  });
});
