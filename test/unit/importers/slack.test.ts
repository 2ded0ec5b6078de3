import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEntries, listSlackChannels } from '../../../core/importers/load';
import { convertSlackMessages } from '../../../core/importers/slack/convert';
import { ImportError } from '../../../core/importers/types';
import { fixture } from './support';

const folder = fixture('slack-export');
const zip = fixture('slack-export.zip');

async function rejectsWith(p: Promise<unknown>, code: string, words: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ImportError, `not an ImportError: ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, words);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
}

describe('importers: Slack export', () => {
  it('reads the unpacked folder and the .zip alike, sorted by ts (not by file order)', async () => {
    const a = await loadEntries({ kind: 'slack', location: folder, channel: 'inc-checkout-pool' });
    const b = await loadEntries({ kind: 'slack', location: zip, channel: '#inc-checkout-pool' });
    assert.deepEqual(a.entries, b.entries);
    assert.equal(a.channel, 'inc-checkout-pool');
    const instants = a.entries.map((e) => e.instant);
    assert.deepEqual(instants, [...instants].sort());
    // 2024-03-09, -10 and -11 files; joins, topic changes and the bot are left out.
    assert.equal(a.entries.length, 13);
    assert.ok(!a.entries.some((e) => /has joined|set the channel topic|Triggered #4711/.test(e.text)));
  });

  it('reads a .zip whose files sit under one folder (a zipped export folder) as the export itself', async () => {
    const a = await loadEntries({ kind: 'slack', location: fixture('slack-export-nested.zip'), channel: 'inc-checkout-pool' });
    const b = await loadEntries({ kind: 'slack', location: folder, channel: 'inc-checkout-pool' });
    assert.deepEqual(a.entries, b.entries);
  });

  it('lists channels that have messages', async () => {
    assert.deepEqual((await listSlackChannels(zip)).sort(), ['general', 'inc-checkout-pool']);
  });

  it('resolves users and turns mrkdwn into Markdown', async () => {
    const { entries } = await loadEntries({ kind: 'slack', location: folder, channel: 'inc-checkout-pool' });
    const paging = entries.find((e) => e.instant === '2024-03-10T07:43:20.000Z')!;
    assert.equal(paging.author, 'Alice Chen');
    assert.equal(paging.text, '@here paging @Bob Okafor - checkout 5xx at 12% since \\~23:35, looks like the **connection pool** :fire:');
    const ack = entries.find((e) => e.instant === '2024-03-10T07:45:00.000Z')!;
    assert.equal(ack.text, 'ack, looking. Dashboard: [checkout dashboard](https://grafana.example.com/d/checkout?from=now-1h&to=now)');
    const mitigated = entries.find((e) => e.instant === '2024-03-10T08:10:00.000Z')!;
    assert.equal(mitigated.text, 'mitigated. cc #checkout-eng @sre-oncall @Carol Díaz');
    const rollback = entries.find((e) => e.instant === '2024-03-10T08:03:00.000Z')!;
    assert.equal(rollback.text, 'rollback done, error rate dropping ~~slowly~~ **back to normal**');
  });

  it('keeps threads with their parent, flags pins, reactions, files and edits', async () => {
    const { entries } = await loadEntries({ kind: 'slack', location: folder, channel: 'inc-checkout-pool' });
    const parent = entries.find((e) => e.instant === '2024-03-10T07:43:20.000Z')!;
    const replies = entries.filter((e) => e.parentId === parent.id);
    assert.deepEqual(replies.map((r) => r.author), ['Bob Okafor', 'Carol Díaz']);
    assert.equal(parent.flags.pinned, true);
    assert.equal(parent.flags.reactions, 2);
    assert.equal(parent.suggested, true);
    const carol = replies[1]!;
    assert.equal(carol.flags.edited, true);
    assert.equal(carol.text, 'that came in with *PR 4411* (pool settings cleanup)');
    const broadcast = entries.find((e) => e.instant === '2024-03-10T10:31:00.000Z')!;
    assert.match(broadcast.parentId ?? '', /^slack:C0INC123:1710066600\.000900$/);
    const dave = entries.find((e) => e.author === 'Dave | Ops <SRE>')!;
    assert.deepEqual(dave.flags.files, ['pool errors log']);
    const coffee = entries.find((e) => /coffee/.test(e.text))!;
    assert.equal(coffee.suggested, false);
  });

  it('escapes what the chat wrote: no HTML, no unsafe link, code kept as code', async () => {
    const { entries } = await loadEntries({ kind: 'slack', location: folder, channel: 'inc-checkout-pool' });
    const dave = entries.find((e) => e.author === 'Dave | Ops <SRE>')!;
    assert.ok(!/(?<!\\)</.test(dave.text), dave.text);
    assert.ok(!/(?<!\\)\](?:\(|<)javascript:/i.test(dave.text), "no javascript: link");
    assert.match(dave.text, /`SELECT \* FROM pool \| tail`/);
    assert.match(dave.text, /\[pool errors log\]\(https:\/\/acme\.slack\.com\/files\/U04DAVE\/F0LOG1\/pool-errors\.log\)/);
  });

  it('keeps bot messages only when asked', async () => {
    const without = await loadEntries({ kind: 'slack', location: folder, channel: 'inc-checkout-pool' });
    const withBots = await loadEntries({ kind: 'slack', location: folder, channel: 'inc-checkout-pool', options: { bots: true } });
    const bots = withBots.entries.filter((e) => e.flags.bot);
    assert.equal(bots.length, 1);
    assert.equal(bots[0]!.author, 'PagerDuty');
    assert.equal(bots[0]!.text, 'Triggered #4711: checkout 5xx rate above 5%');
    assert.equal(withBots.entries.length, without.entries.length + 1);
  });

  it('reads only the window (day files beyond it are not opened)', async () => {
    const { entries } = await loadEntries({
      kind: 'slack', location: folder, channel: 'inc-checkout-pool',
      options: { since: Date.parse('2024-03-10T07:00:00Z'), until: Date.parse('2024-03-10T09:00:00Z') },
    });
    assert.equal(entries[0]!.instant, '2024-03-10T07:43:20.000Z');
    assert.equal(entries[entries.length - 1]!.instant, '2024-03-10T08:10:00.000Z');
  });

  describe('broken input: one line naming the problem', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-slack-'));
      fs.cpSync(folder, tmp, { recursive: true });
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('a missing export', () => rejectsWith(loadEntries({ kind: 'slack', location: path.join(tmp, 'nope.zip') }), 'missing', /no such file/));
    it('an unknown channel, listing the real ones', () =>
      rejectsWith(loadEntries({ kind: 'slack', location: tmp, channel: 'incident-42' }), 'unknown-channel', /no channel "incident-42".*#inc-checkout-pool/));
    it('several channels and none chosen', () => rejectsWith(loadEntries({ kind: 'slack', location: tmp }), 'unknown-channel', /the export has 2 channels with messages; name one/));
    it('a day file that is not JSON', () => {
      fs.writeFileSync(path.join(tmp, 'inc-checkout-pool', '2024-03-10.json'), '[{"ts": ');
      return rejectsWith(loadEntries({ kind: 'slack', location: tmp, channel: 'inc-checkout-pool' }), 'not-json', /2024-03-10\.json: not JSON/);
    });
    it('a day file that is not a list', () => {
      fs.writeFileSync(path.join(tmp, 'inc-checkout-pool', '2024-03-10.json'), '{"messages": []}');
      return rejectsWith(loadEntries({ kind: 'slack', location: tmp, channel: 'inc-checkout-pool' }), 'bad-shape', /2024-03-10\.json: expected a list of messages/);
    });
    it('users.json that is not JSON', () => {
      fs.writeFileSync(path.join(tmp, 'users.json'), 'not json');
      return rejectsWith(loadEntries({ kind: 'slack', location: tmp, channel: 'inc-checkout-pool' }), 'not-json', /users\.json/);
    });
    it('an export of another tool', () => rejectsWith(loadEntries({ kind: 'slack', location: fixture('teams') }), 'foreign', /not a Slack workspace export/));
    it('a file that is not a zip', () => {
      const fake = path.join(tmp, 'export.zip');
      fs.writeFileSync(fake, 'PK but not really');
      return rejectsWith(loadEntries({ kind: 'slack', location: fake }), 'foreign', /not a readable \.zip/);
    });
    it('a day file too large to be a day of chat is refused before it is read', () => {
      fs.truncateSync(path.join(tmp, 'inc-checkout-pool', '2024-03-10.json'), 300 * 1024 * 1024); // sparse: no disk used
      return rejectsWith(loadEntries({ kind: 'slack', location: tmp, channel: 'inc-checkout-pool' }), 'too-large', /2024-03-10\.json: 300 MB/);
    });
    it('org_users.json (Enterprise Grid) stands in for users.json', async () => {
      fs.renameSync(path.join(tmp, 'users.json'), path.join(tmp, 'org_users.json'));
      const { entries } = await loadEntries({ kind: 'slack', location: tmp, channel: 'inc-checkout-pool' });
      assert.ok(entries.some((e) => e.author === 'Bob Okafor'));
    });
  });

  it('skips messages of any odd shape without throwing', () => {
    const dir = { users: new Map(), channels: [] };
    const channel = { id: 'C1', name: 'x', pins: new Set<string>() };
    const out = convertSlackMessages([null, 1, 'x', [], { ts: 'abc' }, { ts: '1710056600.000200', text: 42 }, { ts: '1710056600.000300', text: 'ok', user: 'U9' }], channel, dir);
    assert.deepEqual(out.map((e) => [e.author, e.text]), [['U9', 'ok']]);
    assert.throws(() => convertSlackMessages({}, channel, dir, {}, 'x.json'), ImportError);
  });
});
