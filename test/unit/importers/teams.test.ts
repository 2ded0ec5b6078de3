import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEntries } from '../../../core/importers/load';
import { convertTeamsMessages, teamsHtmlToMarkdown, teamsMessagesOf } from '../../../core/importers/teams';
import { ImportError } from '../../../core/importers/types';
import { fixture } from './support';

describe('importers: Microsoft Teams (Graph chatMessage)', () => {
  it('follows the pages saved next to the first one (@odata.nextLink)', async () => {
    const one = await loadEntries({ kind: 'teams', location: fixture('teams', 'messages-page-1.json') });
    const all = await loadEntries({ kind: 'teams', location: fixture('teams') });
    assert.deepEqual(one.entries, all.entries);
    assert.deepEqual(all.entries.map((e) => e.instant), [
      '2024-03-10T07:43:20.200Z', '2024-03-10T07:47:30.300Z', '2024-03-10T08:04:00.750Z', '2024-03-10T08:10:00.800Z', '2024-03-10T10:30:00.900Z',
    ]);
  });

  it('leaves out system events, deleted messages and (unless asked) bots', async () => {
    const { entries } = await loadEntries({ kind: 'teams', location: fixture('teams') });
    assert.ok(!entries.some((e) => e.id === 'teams:1710056465000'), 'members added event');
    assert.ok(!entries.some((e) => e.id === 'teams:1710057000000'), 'deleted message');
    assert.ok(!entries.some((e) => e.author === 'Incident Bot'));
    const withBots = await loadEntries({ kind: 'teams', location: fixture('teams'), options: { bots: true } });
    assert.equal(withBots.entries.filter((e) => e.flags.bot).map((e) => e.author).join(), 'Incident Bot');
  });

  it('turns mentions, subject and emphasis into Markdown; replies point at their parent', async () => {
    const { entries } = await loadEntries({ kind: 'teams', location: fixture('teams') });
    const first = entries[0]!;
    assert.equal(first.author, 'Alice Chen');
    assert.equal(first.text, '**Checkout errors** @Bob Okafor paging you: checkout 5xx at 12%, looks like the **connection pool**');
    assert.equal(first.suggested, true);
    assert.equal(first.flags.reactions, 1);
    assert.equal(entries[1]!.parentId, 'teams:1710056600200');
    assert.equal(entries[3]!.text, 'mitigated: error rate under 1%');
  });

  it('never lets HTML through: scripts dropped, unsafe links become text, images become words', async () => {
    const { entries } = await loadEntries({ kind: 'teams', location: fixture('teams') });
    const dave = entries.find((e) => e.author === 'Dave | Ops')!;
    assert.ok(!dave.text.includes('alert(2)'), 'script element removed');
    assert.ok(!/javascript:/i.test(dave.text));
    assert.ok(!dave.text.includes('evil.example'), 'no remote image');
    assert.match(dave.text, /\[status page\]\(https:\/\/status\.example\.com\/incidents\/42\)/);
    assert.match(dave.text, /\(image: error graph\)/);
    assert.match(dave.text, /\(file: \[pool-errors\.log\]\(https:\/\/acme\.sharepoint\.com\//);
    assert.equal(dave.flags.edited, true);
  });

  it('html: an <at> mention, nested emphasis, a list', () => {
    assert.equal(teamsHtmlToMarkdown('<div><at id="0">Megan</at>, <at id="1">Alex</at> <em>please</em> look</div>'), '@Megan, @Alex *please* look');
    assert.equal(teamsHtmlToMarkdown('<ul><li>one</li><li>two</li></ul>'), '-   one\n-   two');
    assert.equal(teamsHtmlToMarkdown('<p>run</p><pre><code>kubectl get pods | grep api\n</code></pre>'), 'run\n`kubectl get pods | grep api`');
  });

  it('rejects what is not Graph JSON with a typed, one-line error', async () => {
    assert.throws(() => teamsMessagesOf({ log_entries: [] }, 'x.json'), (e: unknown) => e instanceof ImportError && e.code === 'foreign' && /x\.json/.test(e.message));
    assert.throws(() => teamsMessagesOf([{ text: 'slack?' }], 'y.json'), (e: unknown) => e instanceof ImportError && e.code === 'foreign');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-teams-'));
    try {
      fs.writeFileSync(path.join(tmp, 'page.json'), '<html>');
      await assert.rejects(loadEntries({ kind: 'teams', location: path.join(tmp, 'page.json') }), (e: unknown) => e instanceof ImportError && e.code === 'not-json');
      await assert.rejects(loadEntries({ kind: 'teams', location: fixture('slack-export') }), (e: unknown) => e instanceof ImportError && e.code === 'foreign' && /Slack export/.test(e.message));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('skips odd messages without throwing', () => {
    const out = convertTeamsMessages([
      { messageType: 'message' },
      { messageType: 'message', id: 'a', createdDateTime: 'yesterday', body: { content: 'x' } },
      { messageType: 'message', id: 'b', createdDateTime: '2024-03-10T08:00:00Z', body: { contentType: 'text', content: '<b>hi</b> | there' }, from: { user: { displayName: 'Zoe' } } },
    ]);
    assert.deepEqual(out.map((e) => e.text), ['\\<b\\>hi\\</b\\> \\| there']);
  });
});
