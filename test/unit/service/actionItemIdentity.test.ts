/**
 * What other features read off an action item besides its text: the identity marker, the field group and,
 * for table rows, every cell with its range. Also `Section.empty`.
 */
import assert from 'node:assert/strict';
import type { ActionItem, Range } from '../../../common/model';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { markerComment } from '../../../core/trackers/types';
import { buildModel } from '../../../server/src/service/model/index';
import { parsedDocument } from '../../corpus/helpers';

function model(md: string) {
  return buildModel(parsedDocument(md), DEFAULT_SETTINGS, true);
}

function slice(text: string, r: Range): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line]!.slice(r.start.character, r.end.character);
  return [lines[r.start.line]!.slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line]!.slice(0, r.end.character)].join('\n');
}

const M1 = markerComment('pm-1a2b3c4d');
const M2 = markerComment('pm-00ff00ff');

describe('action items: identity marker', () => {
  const shapes: [string, string][] = [
    ['task', `## Action items\n\n- [ ] Add an alert on queue depth (owner: @ana) ${M1}\n`],
    ['bullet', `## Action items\n\n- Add an alert on queue depth @ana ${M1}\n`],
    ['numbered', `## Action items\n\n1. Add an alert on queue depth ${M1}\n`],
    ['marker after nested detail', `## Action items\n\n- Add an alert on queue depth\n  - page the on-call\n\n  ${M1}\n`],
    ['table cell', `## Action items\n\n| Action | Owner |\n|---|---|\n| Add an alert on queue depth ${M1} | @ana |\n`],
    ['marker in another cell', `## Action items\n\n| Action | Owner | Ref |\n|---|---|---|\n| Add an alert on queue depth | @ana | ${M1} |\n`],
    ['paragraph', `## Action items\n\n### Detection\n\nAdd an alert on queue depth. ${M1}\n`],
    ['heading', `## Action items\n\n### Add an alert on queue depth ${M1}\n\nPage when the queue is deeper than 1000 for five minutes.\n`],
  ];
  for (const [shape, md] of shapes) {
    it(`reads the marker of a ${shape} item into id and marker, never into the text`, () => {
      const items = model(md).actionItems;
      assert.equal(items.length, 1, JSON.stringify(items.map((i) => i.text)));
      const item = items[0]!;
      assert.equal(item.id, 'pm-1a2b3c4d');
      assert.ok(item.marker, 'marker read');
      assert.equal(item.marker.id, 'pm-1a2b3c4d');
      assert.equal(slice(md, item.marker.range), M1);
      assert.ok(!/postmortem-item|<!--/.test(item.text), item.text);
      assert.match(item.text, /^Add an alert on queue depth/);
    });
  }

  it('keeps each item its own marker, and items without one get a text hash', () => {
    const md = `## Action items\n\n- [ ] First ${M1}\n- [ ] Second\n- [ ] Third ${M2}\n`;
    const items = model(md).actionItems;
    assert.deepEqual(items.map((i) => i.id.startsWith('pm-') ? i.id : 'hash'), ['pm-1a2b3c4d', 'hash', 'pm-00ff00ff']);
    assert.equal(items[1]!.marker, undefined);
    assert.match(items[1]!.id, /^[0-9a-f]{8}$/);
  });

  it('does not take a malformed marker', () => {
    const items = model('## Action items\n\n- [ ] First <!-- postmortem-item: 1a2b -->\n').actionItems;
    assert.equal(items[0]!.marker, undefined);
  });
});

describe('action items: field group', () => {
  it('gives the group range and every field with key and value ranges', () => {
    const md = '## Action items\n\n- [ ] Rotate the keys (owner: @a, due: 2024-06-01, ticket: see(6), team: infra)\n';
    const item = model(md).actionItems[0]!;
    assert.ok(item.fieldGroup);
    assert.equal(slice(md, item.fieldGroup.range), '(owner: @a, due: 2024-06-01, ticket: see(6), team: infra)');
    assert.deepEqual(Object.keys(item.fieldGroup.fields), ['owner', 'due', 'ticket', 'team']);
    for (const [key, f] of Object.entries(item.fieldGroup.fields)) {
      assert.equal(slice(md, f.keyRange), key);
      assert.equal(slice(md, f.range), f.value);
    }
    assert.equal(item.fieldGroup.fields.ticket!.value, 'see(6)');
    assert.equal(item.ticket?.value, 'see(6)');
    assert.equal(item.owner?.value, '@a');
    assert.equal(item.text, 'Rotate the keys');
  });

  it('has no group when the item has none', () => {
    assert.equal(model('## Action items\n\n- [ ] Rotate the keys @a\n').actionItems[0]!.fieldGroup, undefined);
  });

  it('survives JSON (the model crosses the wire)', () => {
    const item = model('## Action items\n\n- [ ] Rotate (owner: @a)\n').actionItems[0]!;
    assert.deepEqual(JSON.parse(JSON.stringify(item)) as ActionItem, item);
  });
});

describe('action items: table cells', () => {
  it('carries every cell of the row with its header and range, empty cells too', () => {
    const md = '## Action items\n\n| Action | Owner | Due | Status |\n|---|---|---|---|\n| Rotate the keys |  | 2024-06-01 | Open |\n| Add a canary | @bo |\n';
    const [a, b] = model(md).actionItems;
    assert.ok(a?.cells && b?.cells);
    assert.deepEqual(a.cells.map((c) => [c.header, c.column, c.text]), [['action', 0, 'Rotate the keys'], ['owner', 1, ''], ['due', 2, '2024-06-01'], ['status', 3, 'Open']]);
    for (const c of a.cells) assert.equal(slice(md, c.range), c.text);
    const emptyOwner = a.cells[1]!.range;
    assert.equal(emptyOwner.start.line, 4);
    assert.deepEqual(emptyOwner.start, emptyOwner.end);
    // A short row: the missing cells are still there, empty, at the end of the row.
    assert.deepEqual(b.cells.map((c) => c.text), ['Add a canary', '@bo', '', '']);
    assert.equal(b.cells[3]!.range.start.line, 5);
  });
});

describe('sections: empty', () => {
  it('is true for a heading with nothing or only comments under it, false otherwise', () => {
    const md = '# Outage\n\n## Summary\n\n<!-- write here -->\n\n## Impact\n\n## Timeline\n\n### Day one\n\n## Action items\n\n- [ ] Fix\n';
    const byTitle = Object.fromEntries(model(md).sections.map((s) => [s.title, s.empty]));
    assert.deepEqual(byTitle, { Outage: false, Summary: true, Impact: true, Timeline: false, 'Day one': true, 'Action items': false });
  });
});
