import assert from 'node:assert/strict';
import { runTickets, syncTickets } from '../../../core/trackers/engine';
import { planTickets } from '../../../core/trackers/plan';
import { TICKET_LABEL, type TrackerConfig } from '../../../core/trackers/types';
import { DOC, MemoryTracker, ids, memoryDoc } from './engineFixtures';

const config: TrackerConfig = { kind: 'github', repo: 'o/r', labels: ['postmortem'], users: { 'Dan Smith': 'dsmith' } };
const options = { config, documentUrl: 'https://github.com/o/r/blob/main/postmortems/outage.md' };

async function plan(doc: ReturnType<typeof memoryDoc>) {
  return planTickets(await doc.host.read(), options);
}
const line = (text: string, pattern: string) => text.split('\n').find((l) => l.includes(pattern)) ?? '';

describe('ticket engine', () => {
  it('plans open items without a ticket; done, ticketed and needs-discussion items are not sent', async () => {
    const p = await plan(memoryDoc(DOC));
    assert.equal(p.target, 'github o/r');
    assert.deepEqual(p.tickets.map((t) => t.title), ['Add an alert on checkout error rate', 'Document the rollback runbook', 'Review the 14:03 alert threshold']);
    assert.deepEqual(p.skipped.map((s) => s.reason).sort(), ['done', 'has-ticket', 'needs-discussion']);
    const [alert, runbook, review] = p.tickets;
    assert.equal(alert!.assignee, 'alice');
    assert.equal(alert!.due, '2024-06-01');
    assert.deepEqual(alert!.labels, [TICKET_LABEL, 'postmortem', 'priority:P1', 'type:detect']);
    assert.equal(runbook!.assignee, 'bob');
    assert.equal(review!.assignee, 'dsmith', 'a name goes through the users mapping');
    assert.equal(review!.due, '2024-06-10');
  });

  it('writes each identity before the first create, creates one ticket each and writes the links back', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    const markersAtFirstCreate: string[] = [];
    tracker.during = async (n) => { if (n === 1) markersAtFirstCreate.push(...doc.text().match(/pm-test\d{4}/g)!); };
    const result = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    assert.deepEqual(markersAtFirstCreate, ['pm-test0001', 'pm-test0002', 'pm-test0003']);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['created', 'created', 'created']);
    assert.equal(result.writeBack, 'done');
    assert.equal(tracker.tickets.length, 3);
    const text = doc.text();
    assert.equal(line(text, 'Add an alert'),
      '- [ ] Add an alert on checkout error rate (owner: @alice, due: 2024-06-01, type: detect, priority: P1, ticket: [#1](https://github.com/o/r/issues/1)) <!-- postmortem-item: pm-test0001 -->');
    assert.equal(line(text, 'rollback runbook'), '- [ ] Document the rollback runbook @bob (ticket: [#2](https://github.com/o/r/issues/2)) <!-- postmortem-item: pm-test0002 -->');
    assert.equal(line(text, 'nested note'), '  - a nested note that is not an item');
    assert.equal(line(text, 'Review the'), '| Review the 14:03 alert threshold (ticket: [#3](https://github.com/o/r/issues/3)) <!-- postmortem-item: pm-test0003 --> | Dan Smith | 2024-06-10 |');
    const body = tracker.tickets[0]!.body;
    for (const part of ['Add an alert on checkout error rate', '| Owner | @alice |', '| Due | 2024-06-01 |', '| Type | detect |', '| Priority | P1 |',
      '[Checkout outage](https://github.com/o/r/blob/main/postmortems/outage.md)', 'incident INC-42', 'severity SEV2', '<!-- postmortem-item: pm-test0001 -->']) {
      assert.ok(body.includes(part), `body has ${part}:\n${body}`);
    }
    assert.ok(tracker.tickets[2]!.body.includes('timeline entry 14:03: Alert fired for checkout errors'), tracker.tickets[2]!.body);
    // Only the three items changed.
    const untouched = (t: string) => t.split('\n').filter((l) => !l.includes('postmortem-item'));
    assert.deepEqual(untouched(text), untouched(DOC).filter((l) => !/Add an alert|rollback runbook|Review the/.test(l)));
  });

  it('a second run creates nothing', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    const after = doc.text();
    const again = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    assert.equal(again.outcomes.length, 0);
    assert.equal(tracker.creates, 3);
    assert.equal(doc.text(), after);
  });

  it('a marked item whose link was never written is linked to its existing ticket, not created again', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    // The links are lost (an undo, a crash before saving), the markers stay.
    doc.set(doc.text().replace(/,? ?\(?ticket: \[#[1-3]\]\([^)]*\)\)?/g, ''));
    const again = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    assert.deepEqual(again.outcomes.map((o) => o.status), ['found', 'found', 'found']);
    assert.equal(tracker.tickets.length, 3);
    assert.match(line(doc.text(), 'Add an alert'), /ticket: \[#1\]/);
  });

  it('a create whose response was lost is settled by looking again, never created twice', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    tracker.faults.set(2, 'lost');
    const result = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    assert.deepEqual(result.outcomes.map((o) => o.status), ['created', 'created', 'created']);
    assert.equal(tracker.tickets.length, 3);
    assert.equal(tracker.creates, 3);
    assert.match(line(doc.text(), 'rollback runbook'), /\[#2\]/);
  });

  it('one failing item does not stop the others; the summary says which and why', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    tracker.faults.set(1, 'fail');
    const result = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    assert.deepEqual(result.outcomes.map((o) => o.status), ['failed', 'created', 'created']);
    const failed = result.outcomes[0]!;
    assert.ok(failed.status === 'failed' && failed.kind === 'invalid' && /assignee does not exist/.test(failed.error));
    assert.doesNotMatch(line(doc.text(), 'Add an alert'), /ticket:/);
    assert.match(line(doc.text(), 'Add an alert'), /pm-test0001/, 'the identity stays for the next run');
  });

  it('401 stops sending and says so; nothing is created after it', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    tracker.faults.set(1, 'auth');
    const result = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    assert.equal(result.authFailed, true);
    assert.equal(tracker.creates, 1);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['failed', 'failed', 'failed']);
  });

  it('the author edits meanwhile: the link goes into the same item, found again by its marker, and the edit stays', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    tracker.during = async (n) => {
      if (n === 2) doc.set(doc.text().replace('# Checkout outage\n', '# Checkout outage\n\nA new paragraph.\n').replace('Add an alert on checkout error rate', 'Add a paging alert on checkout errors'));
    };
    await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    const text = doc.text();
    assert.match(text, /A new paragraph\./);
    assert.match(line(text, 'paging alert'), /ticket: \[#1\]\(https:\/\/github.com\/o\/r\/issues\/1\)\) <!-- postmortem-item: pm-test0001 -->$/);
    assert.match(line(text, 'rollback runbook'), /\[#2\]/);
  });

  it('cancelling stops before the next item and still writes back the links of tickets made so far', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    const abort = new AbortController();
    tracker.during = async (n) => { if (n === 1) abort.abort(); };
    const progress: number[] = [];
    const result = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids(), signal: abort.signal, onProgress: (p) => progress.push(p.done) });
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['created', 'not-sent', 'not-sent']);
    assert.equal(tracker.creates, 1);
    assert.match(line(doc.text(), 'Add an alert'), /\[#1\]/);
    assert.equal(progress[0], 0);
    assert.equal(progress.at(-1), 1);
  });

  it('sync ticks items whose tickets are closed and reports deleted ones', async () => {
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    tracker.tickets[0]!.state = 'closed';
    tracker.tickets[2]!.state = 'closed';
    const result = await syncTickets(doc.host, tracker);
    const by = new Map(result.items.map((i) => [i.key, i]));
    assert.equal(by.get('#1')!.state, 'closed');
    assert.equal(by.get('#1')!.ticked, true);
    assert.equal(by.get('#3')!.ticked, false, 'a table row cannot be ticked');
    assert.equal(by.get('#7')!.state, 'deleted');
    assert.match(line(doc.text(), 'Add an alert'), /^- \[x\] Add an alert/);
    assert.match(line(doc.text(), 'rollback runbook'), /^- \[ \] /);
  });

  it('a copied item with the same id is not sent: it would share its original\'s ticket', async () => {
    const marked = DOC.replace('Document the rollback runbook @bob', 'Document the rollback runbook @bob <!-- postmortem-item: pm-copy0001 -->')
      .replace('- [x] Already done thing', '- [ ] Document the rollback runbook for staging <!-- postmortem-item: pm-copy0001 -->');
    const doc = memoryDoc(marked);
    const tracker = new MemoryTracker();
    const result = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    const copy = result.outcomes.find((o) => o.title.includes('staging'))!;
    assert.ok(copy.status === 'failed' && /same id \(pm-copy0001\)/.test(copy.error), JSON.stringify(copy));
    assert.equal(tracker.tickets.filter((t) => t.marker === 'pm-copy0001').length, 1);
  });

  it('an adapter\'s TrackerError from another bundle (its own copy of the class) keeps its kind', async () => {
    class ForeignTrackerError extends Error {
      override name = 'TrackerError';
      constructor(readonly kind: string, message: string) { super(message); }
    }
    const doc = memoryDoc(DOC);
    const tracker = new MemoryTracker();
    tracker.findByMarkers = async () => { throw new ForeignTrackerError('auth', 'Bad credentials'); };
    const result = await runTickets(doc.host, tracker, await plan(doc), { ...options, newId: ids() });
    assert.equal(result.authFailed, true);
    assert.ok(result.outcomes.every((o) => o.status === 'failed' && o.kind === 'auth'));
  });
});
