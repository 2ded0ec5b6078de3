import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentUrlOf, gitRemoteOf, parseRemoteUrl } from '../../../core/trackers/gitRemote';
import { ticketStateOf } from '../../../core/trackers/plan';
import { modelReader } from '../../../core/trackers/textHost';
import { applyEdits, identityEdits, linkEdit, tickEdit, ticketLink } from '../../../core/trackers/writeBack';
import type { ActionItem } from '../../../common/model';

const read = modelReader('file:///w/postmortems/x.md');
function snapshot(text: string) {
  const model = read(text)!;
  return { text, model };
}
/** Marks every item (pm-t0000001...), adds a link to each, and returns the resulting text. */
function markAndLink(text: string): string {
  let snap = snapshot(text);
  const assign = new Map<ActionItem, string>(snap.model.actionItems.map((i, n) => [i, `pm-t${String(n + 1).padStart(7, '0')}`]));
  const marked = applyEdits(text, identityEdits(snap, assign));
  snap = snapshot(marked);
  const links = [...assign.values()].map((m, n) => linkEdit(snap, m, ticketLink(`#${n + 1}`, `https://github.com/o/r/issues/${n + 1}`))!);
  const linked = applyEdits(marked, links);
  const again = snapshot(linked);
  assert.equal(again.model.actionItems.length, assign.size, 'still the same items');
  again.model.actionItems.forEach((item, n) => {
    assert.equal(item.marker?.id, `pm-t${String(n + 1).padStart(7, '0')}`, `item ${n} keeps its marker`);
    const state = ticketStateOf(item);
    assert.ok(state.kind === 'linked' && state.key === `#${n + 1}`, `item ${n} reads its link: ${linked}`);
    // A table's Ticket cell reads as the key alone; elsewhere the URL comes along.
    if (item.style !== 'table') assert.equal(state.url, `https://github.com/o/r/issues/${n + 1}`);
  });
  return linked;
}

describe('ticket write-back in each shape of action item', () => {
  it('a table with an empty Ticket column: the marker after the text, the link in the Ticket cell', () => {
    const out = markAndLink('## Action items\n\n| Action | Owner | Ticket |\n|---|---|---|\n| Add an alert | @ana | |\n');
    assert.match(out, /^\| Add an alert <!-- postmortem-item: pm-t0000001 --> \| @ana \| \[#1\]\(https:\/\/github.com\/o\/r\/issues\/1\) \|$/m);
  });

  it('a heading per item: marker and link on the heading line, the body untouched', () => {
    const out = markAndLink('## Action items\n\n### Add an alert on queue depth\n\nPage when the queue is deeper than 1000.\n');
    assert.match(out, /^### Add an alert on queue depth \(ticket: \[#1\]\([^)]+\)\) <!-- postmortem-item: pm-t0000001 -->$/m);
    assert.match(out, /^Page when the queue is deeper than 1000\.$/m);
  });

  it('a list item with a continuation line and a nested list: after its own paragraph', () => {
    const out = markAndLink('## Action items\n\n- Document the runbook @bob\n  for the consumers\n  - note\n');
    assert.match(out, /^  for the consumers \(ticket: \[#1\]\([^)]+\)\) <!-- postmortem-item: pm-t0000001 -->\n  - note$/m);
  });

  it('CRLF line endings stay CRLF', () => {
    const out = markAndLink('## Action items\r\n\r\n- [ ] Add an alert (owner: @ana)\r\n- [ ] Write the runbook\r\n');
    assert.ok(!/[^\r]\n/.test(out), JSON.stringify(out));
  });

  it('ticks an open task item and nothing else', () => {
    const text = '## Action items\n\n1. [ ] Add an alert\n- Not a task\n';
    const snap = snapshot(text);
    const [task, plain] = snap.model.actionItems;
    assert.equal(applyEdits(text, [tickEdit(snap, task!)!]), '## Action items\n\n1. [x] Add an alert\n- Not a task\n');
    assert.equal(tickEdit(snap, plain!), undefined);
  });
});

describe('git remote', () => {
  it('reads owner/name from ssh, scp-like and https remotes', () => {
    assert.deepEqual(parseRemoteUrl('git@github.com:octo/app.git'), { host: 'https://github.com', repo: 'octo/app' });
    assert.deepEqual(parseRemoteUrl('https://github.com/octo/app'), { host: 'https://github.com', repo: 'octo/app' });
    assert.deepEqual(parseRemoteUrl('ssh://git@gitlab.example.com:2222/group/sub/proj.git'), { host: 'https://gitlab.example.com', repo: 'group/sub/proj' });
    assert.equal(parseRemoteUrl('not a url'), undefined);
  });

  it('finds the work tree of a file and links the document on its branch', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-git-'));
    try {
      fs.mkdirSync(path.join(root, '.git'));
      fs.mkdirSync(path.join(root, 'postmortems'));
      fs.writeFileSync(path.join(root, '.git/config'), '[core]\n\tbare = false\n[remote "upstream"]\n\turl = git@github.com:other/x.git\n[remote "origin"]\n\turl = git@github.com:octo/app.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n');
      fs.writeFileSync(path.join(root, '.git/HEAD'), 'ref: refs/heads/main\n');
      const file = path.join(root, 'postmortems', 'a b.md');
      const remote = gitRemoteOf(file);
      assert.equal(remote?.repo, 'octo/app');
      assert.equal(documentUrlOf(remote, file), 'https://github.com/octo/app/blob/main/postmortems/a%20b.md');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
