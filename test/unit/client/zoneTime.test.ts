import assert from 'node:assert/strict';
import { fixedOffsetMinutes, nowInZone } from '../../../client/src/zoneTime';

const now = new Date('2024-07-01T23:30:00Z');

describe('client zoneTime', () => {
  it('reads abbreviations and numeric offsets', () => {
    assert.equal(fixedOffsetMinutes('UTC'), 0);
    assert.equal(fixedOffsetMinutes('pdt'), -420);
    assert.equal(fixedOffsetMinutes('CET'), 60);
    assert.equal(fixedOffsetMinutes('+02:00'), 120);
    assert.equal(fixedOffsetMinutes('-0530'), -330);
    assert.equal(fixedOffsetMinutes('UTC+2'), 120);
    assert.equal(fixedOffsetMinutes('GMT-05:00'), -300);
    assert.equal(fixedOffsetMinutes('Europe/Berlin'), null);
    assert.equal(fixedOffsetMinutes('+25:00'), null);
  });
  it('gives the wall clock in an abbreviation zone, crossing midnight', () => {
    assert.deepEqual(nowInZone(now, 'UTC'), { date: '2024-07-01', time: '23:30', zone: 'UTC', known: true });
    assert.deepEqual(nowInZone(now, 'CEST'), { date: '2024-07-02', time: '01:30', zone: 'CEST', known: true });
    assert.deepEqual(nowInZone(now, 'PDT'), { date: '2024-07-01', time: '16:30', zone: 'PDT', known: true });
  });
  it('uses Intl for IANA names, with daylight saving', () => {
    assert.deepEqual(nowInZone(now, 'Europe/Berlin'), { date: '2024-07-02', time: '01:30', zone: 'Europe/Berlin', known: true });
    assert.equal(nowInZone(new Date('2024-01-15T12:00:00Z'), 'Europe/Berlin').time, '13:00');
    assert.equal(nowInZone(new Date('2024-01-15T12:00:00Z'), 'America/Los_Angeles').time, '04:00');
    assert.equal(nowInZone(new Date('2024-01-15T00:05:00Z'), 'Asia/Kolkata').time, '05:35');
  });
  it('falls back to UTC for unknown zones and says so', () => {
    assert.deepEqual(nowInZone(now, 'Mars/Olympus'), { date: '2024-07-01', time: '23:30', zone: 'UTC', known: false });
    assert.deepEqual(nowInZone(now, null), { date: '2024-07-01', time: '23:30', zone: 'UTC', known: true });
  });
});
