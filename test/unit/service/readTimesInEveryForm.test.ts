/**
 * Timeline instants in the forms people write, read from the document's own context (own fixtures, one per shape).
 * Each case: a small postmortem, then the expected [rawTime, ISO instant in UTC] of its entries.
 */
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { DocumentParser } from '../../../server/src/service/parse';
import { buildModel } from '../../../server/src/service/model/index';
import { findDateInText, inferDateOrder } from '../../../server/src/service/model/proseDates';
import { parseTimestamp } from '../../../server/src/service/model/times';
import { findTimestamp } from '../../../server/src/service/model/timestampScan';

function entries(text: string, uri = 'file:///w/postmortems/pm.md'): [string, string | null][] {
  const model = buildModel(new DocumentParser().parse(uri, 1, text), DEFAULT_SETTINGS, true);
  return model.timeline.map((e) => [e.rawTime, e.iso]);
}

const cases: { shape: string; text: string; uri?: string; expect: [string, string | null][] }[] = [
  {
    shape: 'day-first numeric date in the title (day > 12)',
    text: '# Login outage on 14/03/2024\n\n## Timeline (UTC)\n\n- 09:15 Alert fired\n- 10:02 Rolled back\n',
    expect: [['09:15', '2024-03-14T09:15:00Z'], ['10:02', '2024-03-14T10:02:00Z']],
  },
  {
    shape: 'ambiguous numeric title date, settled by a day-first date in the prose',
    text: '# Outage 04/03/2024\n\nOn the 4th of March the cache failed.\n\n## Timeline (UTC)\n\n- 09:15 Alert fired\n',
    expect: [['09:15', '2024-03-04T09:15:00Z']],
  },
  {
    shape: 'ambiguous numeric title date, settled by a month-first date in the prose',
    text: '# Outage 04/03/2024\n\nOn April 3 the cache failed.\n\n## Timeline (UTC)\n\n- 09:15 Alert fired\n',
    expect: [['09:15', '2024-04-03T09:15:00Z']],
  },
  {
    shape: 'ambiguous numeric dates in entries, settled by a European zone',
    text: '# Outage\n\nAll times CET.\n\n## Timeline\n\n- 05/02/2024 09:15 Alert fired\n',
    expect: [['05/02/2024 09:15', '2024-02-05T08:15:00Z']],
  },
  {
    shape: 'month name with ordinal in the title, 12-hour times with and without minutes',
    text: '# Incident report - February 4th, 2019\n\n## Timeline\n\nAll times UTC.\n\n- 9:15 AM Deploy started\n- 3 PM Rolled back\n- 11:50 pm Closed\n',
    expect: [['9:15 AM', '2019-02-04T09:15:00Z'], ['3 PM', '2019-02-04T15:00:00Z'], ['11:50 pm', '2019-02-04T23:50:00Z']],
  },
  {
    shape: 'four-digit times in a time column',
    text: '# Outage on 2 May 2023\n\n_All times in UTC_\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 0730 | Pages |\n| 1215 | Fixed |\n',
    expect: [['0730', '2023-05-02T07:30:00Z'], ['1215', '2023-05-02T12:15:00Z']],
  },
  {
    shape: 'four-digit time after a date, seconds, and a zone-marked 0730',
    text: '# Outage\n\n## Timeline\n\n- 2023-05-02 0730: queue grew\n- 2023-05-02 07:45:30 UTC: paged\n- 0810 UTC: mitigated\n',
    expect: [['2023-05-02 0730', '2023-05-02T07:30:00Z'], ['2023-05-02 07:45:30 UTC', '2023-05-02T07:45:30Z'], ['0810 UTC', '2023-05-02T08:10:00Z']],
  },
  {
    shape: 'ranges and approximate marks (the start is the instant)',
    text: '# Outage\n\n**Date:** 2023-05-02\n\n## Timeline (UTC)\n\n- 08:43–10:52 partial outage\n- ~13:30-13:45 retries\n- 2pm-3pm cleanup\n',
    expect: [['08:43–10:52', '2023-05-02T08:43:00Z'], ['~13:30-13:45', '2023-05-02T13:30:00Z'], ['2pm-3pm', '2023-05-02T14:00:00Z']],
  },
  {
    shape: 'date, time and zone in separate columns; the year in the date header',
    text: '# Outage\n\n## Timeline\n\n| Date (2024) | Time | Zone | What |\n|---|---|---|---|\n| Mar 14 | 09:15 | CET | Alert |\n| Mar 15 | 01:00 | CET | Fixed |\n',
    expect: [['Mar 14 09:15', '2024-03-14T08:15:00Z'], ['Mar 15 01:00', '2024-03-15T00:00:00Z']],
  },
  {
    shape: 'the zone in the time header, the date in its own column',
    text: '# Outage\n\n## Timeline\n\n| Day | Time (UTC) | Event |\n|---|---|---|\n| 2025-03-12 | 15:57 | Halt |\n| 2025-03-13 | 09:10 | Restart |\n',
    expect: [['2025-03-12 15:57', '2025-03-12T15:57:00Z'], ['2025-03-13 09:10', '2025-03-13T09:10:00Z']],
  },
  {
    shape: 'the date only in a metadata date range',
    text: '# Outage\n\n**Date:** 14 March 2024 – 15 March 2024\n\n## Timeline (UTC)\n\n- 09:15 Alert\n',
    expect: [['09:15', '2024-03-14T09:15:00Z']],
  },
  {
    shape: 'a date-only stamp with the time in the entry text',
    text: '# Outage\n\n## Timeline\n\nAll times UTC.\n\n- 2024-03-14: at about 09:30 the pager fired\n- 2024-03-15: cleanup, no time given\n',
    expect: [['2024-03-14', '2024-03-14T09:30:00Z'], ['2024-03-15', null]],
  },
  {
    shape: 'entries as headings with seconds and ranges, date from a bold field',
    text: '# Outage\n\n**Incident Date:** 23 July 2026\n\n## Timeline (UTC)\n\n### 08:43:50\n\nPanic.\n\n### 08:45–08:47\n\nRestarts.\n',
    expect: [['08:43:50', '2026-07-23T08:43:50Z'], ['08:45–08:47', '2026-07-23T08:45:00Z']],
  },
  {
    shape: 'entries grouped under day headings deeper than the timeline heading',
    text: '# Outage\n\n## Timeline (UTC)\n\n#### Thursday 14 March 2024\n\n- 23:10 Alert\n\n#### Friday 15 March 2024\n\n- 00:20 Fixed\n',
    expect: [['23:10', '2024-03-14T23:10:00Z'], ['00:20', '2024-03-15T00:20:00Z']],
  },
  {
    shape: 'a bold-paragraph timeline whose label names the zone, the date in the prose',
    text: '# Checkout errors\n\nCheckout failed on 2021-11-03.\n\n**Timeline (CET)**\n\n- 10:00 deploy\n- 10:07 errors\n',
    expect: [['10:00', '2021-11-03T09:00:00Z'], ['10:07', '2021-11-03T09:07:00Z']],
  },
  {
    shape: 'a "What happened" section of weekday day headings with timed items is the timeline',
    text: '# Login failures\n\n## What happened\n\n### Monday, 7 August 2023\n\n- 23:40 UTC deploy\n- 23:52 UTC errors\n\n### Tuesday, 8 August 2023\n\n- 00:30 UTC rolled back\n',
    expect: [['23:40 UTC', '2023-08-07T23:40:00Z'], ['23:52 UTC', '2023-08-07T23:52:00Z'], ['00:30 UTC', '2023-08-08T00:30:00Z']],
  },
  {
    shape: 'a plain-text document: a "Timeline (UTC):" line with its entries under it',
    text: 'Incident: Email delay\nDate: 2023-03-21\n\nImpact: 30% of outbound email delayed.\n\nTimeline (UTC):\n09:10 - provider rejects\n09:25 - alert fires\n\nRoot cause: an expired certificate.\n',
    expect: [['09:10', '2023-03-21T09:10:00Z'], ['09:25', '2023-03-21T09:25:00Z']],
  },
  {
    shape: 'times inside the sentence of a list item ("At 14:03 …", "… at 14:07", "… around 14:40")',
    text: '# Outage on 2024-05-01\n\n## Timeline (UTC)\n\n- At 14:03 the alert fired\n- The on-call acknowledged at 14:07\n- Rollback finished around 14:40\n- Everyone went home\n',
    expect: [['14:03', '2024-05-01T14:03:00Z'], ['14:07', '2024-05-01T14:07:00Z'], ['around 14:40', '2024-05-01T14:40:00Z']],
  },
  {
    shape: 'dates without a year in a "When" column, the year from the title, the zone from a sentence',
    text: '# Outage — May 2024\n\n## Timeline\n\nAll times are Pacific.\n\n| When | What happened |\n|---|---|\n| May 1, 11:58 PM | Cert expired |\n| May 2, 1:05 AM | Renewed |\n',
    expect: [['May 1, 11:58 PM', '2024-05-02T06:58:00Z'], ['May 2, 1:05 AM', '2024-05-02T08:05:00Z']],
  },
  {
    shape: 'a narrative timeline without stamps (no timeline invented)',
    text: '# Outage\n\n## Timeline\n\nFirst the cache filled up. Then the hosts restarted, and later the team rolled back.\n',
    expect: [],
  },
];

describe('times in every form, from the document context', () => {
  for (const c of cases) {
    it(c.shape, () => assert.deepEqual(entries(c.text, c.uri), c.expect));
  }
});

describe('times: the building blocks', () => {
  it('inferDateOrder: an unambiguous date settles it; month names, zones and the file name hint', () => {
    assert.equal(inferDateOrder('on 28/11/2024 and 03/04/2024'), 'dmy');
    assert.equal(inferDateOrder('on 11/28/2024 and 03/04/2024'), 'mdy');
    assert.equal(inferDateOrder('on the 3rd of April'), 'dmy');
    assert.equal(inferDateOrder('on April 3rd'), 'mdy');
    assert.equal(inferDateOrder('all times PDT'), 'mdy');
    assert.equal(inferDateOrder('all times BST'), 'dmy');
    assert.equal(inferDateOrder('', 'outage-28-11-2024.md'), 'dmy');
    assert.equal(inferDateOrder('nothing here'), undefined);
  });

  it('findDateInText reads prose dates (chrono-node), full dates only, numeric ones in the given order', () => {
    assert.equal(findDateInText('the 28th of November, 2024')?.iso, '2024-11-28');
    assert.equal(findDateInText('Tuesday, March 5th 2024 at noon')?.iso, '2024-03-05');
    assert.equal(findDateInText('(2025-3-6)')?.iso, '2025-03-06');
    assert.equal(findDateInText('04/03/2024', 'dmy')?.iso, '2024-03-04');
    assert.equal(findDateInText('04/03/2024', 'mdy')?.iso, '2024-04-03');
    assert.equal(findDateInText('in May we may see'), null);
    assert.equal(findDateInText('on Tuesday'), null);
  });

  it('findTimestamp takes 0730 alone only where a time is expected', () => {
    assert.equal(findTimestamp('0730 paged'), null);
    assert.equal(findTimestamp('0730 paged', { military: true })?.raw, '0730');
    assert.equal(findTimestamp('0730 UTC paged')?.raw, '0730 UTC');
    assert.equal(findTimestamp('2019 was a good year'), null);
  });

  it('reads offsets in brackets, noon and midnight, "@" between date and time, and a day/month before a time', () => {
    const read = (raw: string, dateOrder?: 'dmy' | 'mdy') => parseTimestamp(raw, { date: '2024-05-01', defaultZone: 'UTC', dateOrder }).iso;
    assert.equal(read('14:03 (UTC+2)'), '2024-05-01T12:03:00Z');
    assert.equal(read('noon'), '2024-05-01T12:00:00Z');
    assert.equal(read('12 midnight'), '2024-05-01T00:00:00Z');
    assert.equal(read('2024-05-02 @ 14:03'), '2024-05-02T14:03:00Z');
    assert.equal(read('5/1 14:03'), '2024-05-01T14:03:00Z');
    assert.equal(read('5/1 14:03', 'dmy'), '2024-01-05T14:03:00Z');
  });

  it('parseTimestamp resolves an ambiguous numeric date by the order given', () => {
    assert.equal(parseTimestamp('04/03/2024 10:00', { defaultZone: 'UTC', dateOrder: 'dmy' }).iso, '2024-03-04T10:00:00Z');
    assert.equal(parseTimestamp('04/03/2024 10:00', { defaultZone: 'UTC', dateOrder: 'mdy' }).iso, '2024-04-03T10:00:00Z');
    assert.equal(parseTimestamp('28/11/2024 10:00', { defaultZone: 'UTC', dateOrder: 'mdy' }).iso, '2024-11-28T10:00:00Z');
    assert.equal(parseTimestamp('04/03/2024 10:00', { defaultZone: 'UTC' }).iso, '2024-04-03T10:00:00Z', 'month first when nothing tells');
  });
});
