import assert from 'node:assert/strict';
import { nowInZone, offsetAtInstant } from '../../../client/src/zoneTime';
import { zoneOffsetMinutes } from '../../../common/zones';

const now = new Date('2024-07-01T23:30:00Z');

describe('client zoneTime', () => {
  it('reads abbreviations (DST-aware) and numeric offsets', () => {
    assert.equal(offsetAtInstant('UTC', now), 0);
    assert.equal(offsetAtInstant('PDT', now), -420);
    assert.equal(offsetAtInstant('CET', now), 120, 'CET in July is Berlin summer time');
    assert.equal(offsetAtInstant('CET', new Date('2024-01-15T12:00:00Z')), 60);
    assert.equal(offsetAtInstant('+02:00', now), 120);
    assert.equal(offsetAtInstant('-0530', now), -330);
    assert.equal(offsetAtInstant('UTC+2', now), 120);
    assert.equal(offsetAtInstant('GMT-05:00', now), -300);
    assert.equal(offsetAtInstant('Europe/Berlin', now), 120);
    assert.equal(offsetAtInstant('+25:00', now), null);
    assert.equal(offsetAtInstant('Mars/Olympus', now), null);
  });
  it('a PST document in July gets UTC-7, as the server reads it', () => {
    assert.equal(offsetAtInstant('PST', now), -420);
    assert.deepEqual(nowInZone(now, 'PST'), { date: '2024-07-01', time: '16:30', zone: 'PST', known: true });
    assert.equal(nowInZone(new Date('2024-01-15T12:00:00Z'), 'PST').time, '04:00');
  });
  it('agrees with the server on every zone for summer and winter dates', () => {
    const zones = ['PST', 'PDT', 'EST', 'EDT', 'CET', 'CEST', 'BST', 'IST', 'AEST', 'AEDT', 'NZST', 'UTC', 'UTC+2', '+05:30',
      'Europe/Zurich', 'America/New_York', 'Pacific time', 'CEST (UTC+2)', 'Mars/Olympus'];
    for (const date of ['2024-01-15', '2024-07-15']) {
      const instant = new Date(`${date}T12:00:00Z`);
      for (const z of zones) {
        const server = zoneOffsetMinutes(z, date);
        assert.equal(offsetAtInstant(z, instant), server, `${z} on ${date}`);
      }
    }
  });
  it('gives the wall clock in an abbreviation zone, crossing midnight', () => {
    assert.deepEqual(nowInZone(now, 'UTC'), { date: '2024-07-01', time: '23:30', zone: 'UTC', known: true });
    assert.deepEqual(nowInZone(now, 'CEST'), { date: '2024-07-02', time: '01:30', zone: 'CEST', known: true });
    assert.deepEqual(nowInZone(now, 'PDT'), { date: '2024-07-01', time: '16:30', zone: 'PDT', known: true });
  });
  it('reads IANA names, with daylight saving', () => {
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
