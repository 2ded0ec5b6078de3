import assert from 'node:assert/strict';
import { resolveZone, zoneOffsetMinutes } from '../../../common/zones';
import { findDateInText } from '../../../server/src/service/model/proseDates';
import { formatTimestamp, parseTimestamp } from '../../../server/src/service/model/times';
import { findTimestamp } from '../../../server/src/service/model/timestampScan';

const D = 'UTC';

describe('times: parseTimestamp', () => {
  const cases: { raw: string; ctx?: { date?: string; zone?: string | null }; iso: string | null; approximate?: boolean; zone?: string | null; date?: string; note?: RegExp }[] = [
    { raw: '2024-05-01T14:03:00Z', iso: '2024-05-01T14:03:00Z', zone: 'UTC' },
    { raw: '2024-05-01T14:03:00+02:00', iso: '2024-05-01T12:03:00Z', zone: 'UTC+2' },
    { raw: '2024-05-01 14:03 UTC', iso: '2024-05-01T14:03:00Z', zone: 'UTC' },
    { raw: '2024-05-01   14:03', ctx: { zone: 'UTC' }, iso: '2024-05-01T14:03:00Z' },
    { raw: '14:03', ctx: { date: '2024-05-01', zone: 'UTC' }, iso: '2024-05-01T14:03:00Z' },
    { raw: '14:03:22', ctx: { date: '2024-05-01', zone: 'UTC' }, iso: '2024-05-01T14:03:22Z' },
    { raw: '9:14', ctx: { date: '2018-01-18', zone: 'PST' }, iso: '2018-01-18T17:14:00Z' },
    { raw: '**09:14**', ctx: { date: '2024-05-01' }, iso: '2024-05-01T09:14:00Z', zone: null, note: /zone assumed/ },
    { raw: '10:05 AM', ctx: { date: '2024-08-15', zone: 'WAT' }, iso: '2024-08-15T09:05:00Z' },
    { raw: '12:00 PM', ctx: { date: '2024-08-15', zone: 'UTC' }, iso: '2024-08-15T12:00:00Z' },
    { raw: '12:30 AM', ctx: { date: '2024-08-15', zone: 'UTC' }, iso: '2024-08-15T00:30:00Z' },
    { raw: '7:01am', ctx: { date: '2019-03-25', zone: 'UTC+1' }, iso: '2019-03-25T06:01:00Z' },
    { raw: '17:14pm', ctx: { date: '2018-01-17', zone: 'UTC' }, iso: '2018-01-17T17:14:00Z', note: /24-hour/ },
    { raw: '2022-02-02 1625', ctx: { zone: 'UTC' }, iso: '2022-02-02T16:25:00Z' },
    { raw: '[03-26 14:05]', ctx: { date: '2019-03-26', zone: 'UTC' }, iso: '2019-03-26T14:05:00Z', date: '2019-03-26' },
    { raw: '12-05 16:21', ctx: { date: '2019-03-26', zone: 'PDT' }, iso: '2018-12-06T00:21:00Z', date: '2018-12-05' },
    { raw: 'Sep 27 2017 13:06', ctx: { zone: 'PST' }, iso: '2017-09-27T20:06:00Z' },
    { raw: '19. April, 11:00', ctx: { date: '2018-04-18', zone: 'CEST' }, iso: '2018-04-19T09:00:00Z' },
    { raw: 'May 12', ctx: { date: '2025-05-01' }, iso: null, date: '2025-05-12', note: /date only/ },
    { raw: '15 May', ctx: { date: '2025-05-01' }, iso: null, date: '2025-05-15' },
    { raw: '2018-01-15', iso: null, date: '2018-01-15', note: /date only/ },
    { raw: '8:20 - 8:24', ctx: { date: '2018-01-18', zone: 'UTC' }, iso: '2018-01-18T08:20:00Z', approximate: true },
    { raw: '~13:30-13:45', ctx: { date: '2018-04-18', zone: 'CEST' }, iso: '2018-04-18T11:30:00Z', approximate: true },
    { raw: '~2026-02-17 06:2xZ', iso: '2026-02-17T06:20:00Z', approximate: true },
    { raw: '2X:XX', ctx: { date: '2018-02-20' }, iso: null, approximate: true },
    { raw: '[???]', ctx: { date: '2018-02-20' }, iso: null, note: /unknown/ },
    { raw: 'ca. 18:30', ctx: { date: '2018-07-08', zone: 'CEST (UTC+2)' }, iso: '2018-07-08T16:30:00Z', approximate: true },
    { raw: '2022-02-02 X', iso: null, date: '2022-02-02', note: /unknown/ },
    { raw: '13:14 EDT (17:14 UTC)', ctx: { date: '2025-07-26' }, iso: '2025-07-26T17:14:00Z', zone: 'EDT' },
    { raw: '08:52 PM', ctx: { date: '2020-08-28', zone: 'IST' }, iso: '2020-08-28T15:22:00Z' },
    { raw: '07:30am', ctx: { date: '2020-07-09', zone: 'UC/Pacific' }, iso: '2020-07-09T14:30:00Z' },
    { raw: '13:06', ctx: { date: '2017-09-27', zone: 'PST' }, iso: '2017-09-27T20:06:00Z' },
    { raw: '16:22 PST', ctx: { date: '2017-11-30' }, iso: '2017-12-01T00:22:00Z' },
    { raw: '14:00', ctx: { date: '2024-07-01', zone: 'Europe/Zurich' }, iso: '2024-07-01T12:00:00Z' },
    { raw: '13 August, ~15:00 UTC', iso: null, approximate: true, note: /year unknown/ },
    { raw: 'soon-ish', ctx: { date: '2024-05-01' }, iso: null, note: /could not read/ },
    { raw: '14:03', iso: null, note: /no date/ },
  ];
  for (const c of cases) {
    it(`reads ${JSON.stringify(c.raw)}${c.ctx ? ` with ${JSON.stringify(c.ctx)}` : ''}`, () => {
      const p = parseTimestamp(c.raw, { ...c.ctx, defaultZone: D });
      assert.equal(p.iso, c.iso, JSON.stringify(p));
      if (c.approximate !== undefined) assert.equal(p.approximate, c.approximate);
      if (c.zone !== undefined) assert.equal(p.zone, c.zone);
      if (c.date) assert.equal(p.date, c.date);
      if (c.note) assert.match(p.note ?? '', c.note);
    });
  }
});

describe('times: findTimestamp', () => {
  const cases: [string, string | null, number?][] = [
    ['**10:05 AM:** Monitoring alert', '10:05 AM', 2],
    ['[13:26] @cblecker reports', '13:26', 1],
    ['21:17 UTC: the authors', '21:17 UTC'],
    ['2023-MM-DD[^1]:', '2023-MM-DD'],
    ['07:30am - First report', '07:30am'],
    ['2X:XX (not sure exact time)', '2X:XX (not sure exact time)'],
    ['A customer reached out', null],
    ['2 hours later', null],
    ['1.15 code freeze slipped', null],
  ];
  for (const [text, raw, start] of cases) {
    it(`finds ${JSON.stringify(raw)} at the start of ${JSON.stringify(text)}`, () => {
      const found = findTimestamp(text);
      assert.equal(found?.raw ?? null, raw);
      if (found && start !== undefined) assert.equal(found.start, start);
      if (found) assert.equal(text.slice(found.start, found.end), found.raw);
    });
  }
});

describe('times: zones', () => {
  const cases: [string, string, number | null][] = [
    ['UTC', '2024-05-01', 0], ['GMT+1', '2024-05-01', 60], ['+02:00', '2024-05-01', 120], ['UTC-7', '2024-01-01', -420],
    ['PST', '2017-09-27', -420], ['PST', '2018-01-18', -480], ['PDT', '2018-12-05', -480], ['CET', '2018-07-08', 120],
    ['CEST (UTC+2)', '2018-07-08', 120], ['CET (GMT+1)', '2018-02-20', 60], ['UTC+1 (Zurich time)', '2019-03-24', 60],
    ['Central European Time (CET)', '2019-02-20', 60], ['UC/Pacific', '2020-07-09', -420], ['IST', '2020-08-28', 330],
    ['WAT', '2024-08-15', 60], ['EEST', '2025-05-12', 180], ['BST', '2025-08-12', 60], ['Europe/Zurich', '2024-01-10', 60],
    ['JST', '2024-01-10', 540], ['AEDT', '2024-01-10', 660], ['no zone here', '2024-01-10', null],
  ];
  for (const [zone, date, offset] of cases) {
    it(`${zone} on ${date} is ${offset}`, () => assert.equal(zoneOffsetMinutes(zone, date), offset));
  }
  it('names the first zone of a phrase', () => {
    assert.equal(resolveZone('CEST (UTC+2)')?.label, 'CEST');
    assert.equal(resolveZone('UTC+1 (Zurich time)')?.label, 'UTC+1');
    assert.equal(resolveZone('Timeline of events'), null);
  });
});

describe('times: formatTimestamp and findDateInText', () => {
  it('writes in the document zone', () => {
    assert.equal(formatTimestamp('2024-05-01T14:03:00Z', null, 'time'), '14:03');
    assert.equal(formatTimestamp('2024-05-01T14:03:00Z', 'UTC', 'datetime'), '2024-05-01 14:03');
    assert.equal(formatTimestamp('2024-05-01T14:03:00Z', 'Europe/Berlin', 'time'), '16:03');
    assert.equal(formatTimestamp('2024-05-01T14:03:00Z', 'PST', 'datetime'), '2024-05-01 07:03');
  });
  const dates: [string, string | null][] = [
    ['Incident report August 12 2025 - LEAP', '2025-08-12'], ['May 30th, 2019 Prow Flakiness', '2019-05-30'],
    ['(10:00 AM - 12:00 PM WAT, August 15, 2024)', '2024-08-15'], ['2017-10-17, Cluster Full', '2017-10-17'], ['15 May 2025', '2025-05-15'], ['no date', null],
  ];
  for (const [text, iso] of dates) it(`finds ${iso} in ${JSON.stringify(text)}`, () => assert.equal(findDateInText(text)?.iso ?? null, iso));
});
