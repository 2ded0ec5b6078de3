import assert from 'node:assert/strict';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { SchemaValidator } from '../../../server/src/service/schema';
import { nullLogger } from '../../../server/src/service/types';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { MarkupContent } from 'vscode-languageserver-types';
import { getHover } from '../../../server/src/service/hover';
import { formatDuration } from '../../../common/format';
import { modelOf, schema, settings } from './editingFixtures';

const TEXT = [
  '---',                                   // 0
  'severity: SEV2',                        // 1
  'status: draft',                         // 2
  'date: 2024-05-01',                      // 3
  'started: 2024-05-01 13:52 UTC',         // 4
  'detected: 2024-05-01 14:03 UTC',        // 5
  'mitigated: 2024-05-01 15:16 UTC',       // 6
  'participants: [alice, bob]',            // 7
  'owner: carol',                          // 8
  '---',                                   // 9
  '## Timeline',                           // 10
  '',                                      // 11
  '- 14:03 Alert fired on pool saturation', // 12
  '- 14:30 Rolled back',                   // 13
  '',                                      // 14
  '## Action items',                       // 15
  '',                                      // 16
  '- [ ] Add alerting (owner: @alice, due: 2024-06-15, type: detect)', // 17
  '- [ ] Raise limits (owner: @dave, due: 2024-05-20)', // 18
  '',
].join('\n');

function hoverAt(line: number, character: number): string | null {
  const { model } = modelOf(TEXT);
  const h = getHover(model, { line, character }, schema, settings);
  return h ? (h.contents as MarkupContent).value : null;
}

describe('hover', () => {
  it('formats durations', () => {
    assert.equal(formatDuration(84), '1 h 24 min');
    assert.equal(formatDuration(45), '45 min');
    assert.equal(formatDuration(60 * 51), '2 d 3 h');
  });

  it('shows a key time relative to impact start, with the metrics and their definitions', () => {
    assert.equal(hoverAt(5, 12),
      '**Detected:** 2024-05-01 14:03 UTC — 11 min after impact start\n\n**Metrics**\n\n' +
      '- **Time to mitigate:** 1 h 24 min — from impact start (started) to mitigated\n' +
      '- **Time to detect:** 11 min — from impact start (started) to detected');
    assert.equal(hoverAt(5, 2), hoverAt(5, 12), 'the key shows the same');
  });

  it('shows the metrics on the timeline heading', () => {
    const value = hoverAt(10, 5)!;
    assert.match(value, /^\*\*Timeline\*\* — 2 entries\n\n\*\*Metrics\*\*\n\n- \*\*Time to mitigate:\*\* 1 h 24 min — from impact start \(started\) to mitigated/);
    assert.match(value, /\*\*Key times\*\*\n\n- \*\*Impact started:\*\* 2024-05-01 13:52 UTC\n- \*\*Detected:\*\*/);
  });

  it('shows the instant and the key moment a timeline entry marks', () => {
    assert.equal(hoverAt(12, 3), '**14:03** → 2024-05-01 14:03 UTC\n\nMarks the **detection** (`detected`) — 11 min after impact start');
    assert.equal(hoverAt(13, 20), null, 'an entry marking nothing has a hover on its time only');
    assert.equal(hoverAt(13, 3), '**14:30** → 2024-05-01 14:30 UTC');
  });

  it('describes the severity from the schema, with the action item target', () => {
    assert.equal(hoverAt(1, 12), '**SEV2** — Major: a core feature degraded.\n\nAction items are due within 30 days: by **2024-05-31**.');
  });

  it('describes the status', () => {
    assert.equal(hoverAt(2, 9), '**draft** — Being written.');
  });

  it('compares an action item due date with the target', () => {
    assert.equal(hoverAt(17, 45), '**Due** 2024-06-15\n\n15 days after the target **2024-05-31** (SEV2: 30 days).');
    assert.equal(hoverAt(18, 45), '**Due** 2024-05-20\n\nWithin the target **2024-05-31** (SEV2: 30 days), 11 days early.');
  });

  it('tells when an owner is not a participant, and describes types', () => {
    assert.equal(hoverAt(18, 30), '**Owner** @dave — not listed among the participants');
    assert.equal(hoverAt(17, 30), '**Owner** @alice');
    assert.match(hoverAt(17, 60)!, /^\*\*detect\*\* — Notices it sooner/);
  });

  it('describes other frontmatter keys, and nothing elsewhere', () => {
    assert.equal(hoverAt(8, 2), '**owner** — Who owns the review.');
    assert.equal(hoverAt(11, 0), null);
  });
});

describe('hover: key times in the document\'s own zone', () => {
  it('shows UTC and, beside it, the time on the clock the document is written in', () => {
    const text = '---\ntitle: T\ntimezone: PDT\nstarted: 2024-07-01 14:03\n---\n# T\n';
    const doc = new DocumentParser().parse('file:///postmortems/z.md', 1, text);
    const model = buildModel(doc, DEFAULT_SETTINGS, true);
    const h = getHover(model, { line: 3, character: 12 }, SchemaValidator.builtIn(nullLogger).info(), DEFAULT_SETTINGS);
    const value = (h?.contents as { value: string }).value;
    assert.match(value, /2024-07-01 21:03 UTC \(2024-07-01 14:03 PDT\)/, value);
  });
});
