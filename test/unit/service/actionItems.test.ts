import assert from 'node:assert/strict';
import { readActionItems } from '../../../server/src/service/model/actionItems';
import { actionItemId } from '../../../server/src/service/model/actionItemFields';
import type { ActionItem } from '../../../common/model';
import { parsedDocument } from '../../corpus/helpers';
import { readSections } from '../../../server/src/service/model/sections';

function items(md: string): { items: ActionItem[]; text: string } {
  const doc = parsedDocument(md);
  return { items: readActionItems(doc, readSections(doc)), text: md };
}

function at(text: string, r: ActionItem['range']): string {
  const lines = text.split('\n');
  return r.start.line === r.end.line ? lines[r.start.line]!.slice(r.start.character, r.end.character) : '(multi-line)';
}

describe('action items', () => {
  it('reads the canonical suffix back, with ranges', () => {
    const md = '## Action items\n\n- [ ] Add alerting on pool saturation (owner: @alice, due: 2024-06-01, type: detect, priority: P1, ticket: OPS-12)\n- [x] Done thing\n';
    const { items: list, text } = items(md);
    const a = list[0]!;
    assert.equal(a.text, 'Add alerting on pool saturation');
    assert.equal(a.style, 'task');
    assert.equal(a.done, false);
    assert.deepEqual([a.owner?.value, a.due?.value, a.due?.raw, a.type?.value, a.priority?.value, a.ticket?.value], ['@alice', '2024-06-01', '2024-06-01', 'detect', 'P1', 'OPS-12']);
    assert.equal(at(text, a.owner!.range), '@alice');
    assert.equal(at(text, a.owner!.keyRange!), 'owner');
    assert.equal(at(text, a.due!.range), '2024-06-01');
    assert.equal(at(text, a.ticket!.range), 'OPS-12');
    assert.equal(list[1]!.done, true);
  });

  it('keeps the id when annotations are added', () => {
    const before = items('## Action items\n\n- Add alerting on pool saturation\n').items[0]!;
    const after = items('## Action items\n\n- Add alerting on  pool saturation (owner: @bob, ticket: OPS-1)\n').items[0]!;
    assert.equal(before.id, after.id);
    assert.match(before.id, /^[0-9a-f]{8}$/);
    assert.notEqual(actionItemId('a'), actionItemId('b'));
  });

  const inline: [string, Partial<Record<'text' | 'owner' | 'due' | 'priority' | 'ticket', string>>][] = [
    ['- Automate deploys ([#11957](https://github.com/o/r/issues/11957))', { text: 'Automate deploys', ticket: '#11957' }],
    ['- [#2226]: Add simple logging.', { text: 'Add simple logging.', ticket: '#2226' }],
    ['- Keep a mirror [Issue](https://github.com/o/r/issues/295)', { text: 'Keep a mirror', ticket: 'https://github.com/o/r/issues/295' }],
    ['- Make pools separate <https://github.com/o/r/issues/89>', { text: 'Make pools separate', ticket: 'https://github.com/o/r/issues/89' }],
    ['- **HIGH** Include downloads in the smoke test', { text: 'Include downloads in the smoke test', priority: 'HIGH' }],
    ['- Rotate keys (P0) by 2024-07-01, @carol', { owner: '@carol', due: '2024-07-01', priority: 'P0' }],
    ['- Fix CVE-2025-31484 handling', { text: 'Fix CVE-2025-31484 handling', ticket: undefined }],
    ['- Mail help@crates.io about it', { owner: undefined }],
  ];
  for (const [md, want] of inline) {
    it(`reads ${JSON.stringify(md)}`, () => {
      const a = items(`## Action Items\n\n${md}\n`).items[0]!;
      for (const [k, v] of Object.entries(want)) {
        const got = k === 'text' ? a.text : (a as unknown as Record<string, { value: string } | undefined>)[k]?.value;
        assert.equal(got, v, k);
      }
    });
  }

  it('reads tables with synonym columns', () => {
    const md = '## Action items\n\n| Action | Assignee | Due date | Priority | Issue | Status |\n|---|---|---|---|---|---|\n| Add alerts | @dan | 2024-06-01 | P2 | [OPS-3](https://x/OPS-3) | Done |\n| Write docs | - | | | | open |\n';
    const { items: list, text } = items(md);
    assert.equal(list.length, 2);
    assert.deepEqual([list[0]!.text, list[0]!.owner?.value, list[0]!.due?.value, list[0]!.priority?.value, list[0]!.ticket?.value, list[0]!.done, list[0]!.style], ['Add alerts', '@dan', '2024-06-01', 'P2', 'OPS-3', true, 'table']);
    assert.equal(at(text, list[0]!.owner!.range), '@dan');
    assert.equal(list[1]!.owner, undefined);
    assert.equal(list[1]!.done, false);
  });

  it('takes the type from sub-headings and counts paragraphs only in sub-sections without a list', () => {
    const md = '## Action items\n\nIntro text is not an item.\n\n### Prevent\n\n1. Add a guard\n\nA note under a list is not an item.\n\n### Detect\n\nAdd a probe.\n\n### Process improvements\n\n* Write a runbook\n';
    const list = items(md).items;
    assert.deepEqual(list.map((i) => [i.text, i.type?.value]), [['Add a guard', 'prevent'], ['Add a probe.', 'detect'], ['Write a runbook', 'process']]);
  });

  it('reads label paragraphs when there is no heading, and not response actions', () => {
    const md = '# T\n\n## Remediation Actions Taken\n\n1. Rebooted\n\n## Lessons\n\n**Actions planned:**\n\n- Plan one\n- Plan two\n\n**Action taken:** Documented it.\n\n**Corrective and Preventative Measures:**\n\n- **Tasks:**\n  - [ ] Patch driver\n';
    const list = items(md).items;
    assert.deepEqual(list.map((i) => [i.text, i.done]), [['Plan one', false], ['Plan two', false], ['Documented it.', true], ['Patch driver', false]]);
  });

  it('a plain "Action Items" line followed by a list', () => {
    const list = items('## Detection\n\nPeople told us.\n\nAction Items\n- One\n\n- Two\n').items;
    assert.deepEqual(list.map((i) => i.text), ['One', 'Two']);
  });
});
