/**
 * The readers' shortcuts for common text must read exactly as the long way does: plain prose without markup
 * (plainText), and values that are just an ISO date (findDateInText, which otherwise asks chrono-node).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as chrono from 'chrono-node';
import { plainText, stripMarkup } from '../../../server/src/service/model/timeline/text';
import { findDateInText } from '../../../server/src/service/model/proseDates';

const PIECES = ['a', 'B', '1', ' ', '  ', '\t', '\n', '\r\n', '-', '+', '*', '**', '_', '__', '>', '<!-- c -->', '[', ']', '(', ')', '!', '&amp;', '&', '1.', '2)', '[x]', '[ ]', ':', 'word'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));

/** chrono's reading, as findDateInText makes it when it asks chrono. */
function chronoDate(value: string, order?: 'dmy' | 'mdy'): string | null {
  for (const r of (order === 'dmy' ? chrono.en.GB : chrono.en).parse(value)) {
    for (const c of [r.start, r.end]) {
      if (!c || !c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) continue;
      return `${c.get('year')}-${String(c.get('month')).padStart(2, '0')}-${String(c.get('day')).padStart(2, '0')}`;
    }
  }
  return null;
}

describe('reader shortcuts read as the long way does', () => {
  it('plainText of any text equals the full markup strip', () => {
    fc.assert(fc.property(text, (s) => assert.equal(plainText(s), stripMarkup(s))), { numRuns: 2000 });
    assert.equal(plainText('  Rolled back\n the   release. '), 'Rolled back the release.');
    assert.equal(plainText('- [x] **Fix** the [pool](http://x)'), 'Fix the pool');
  });

  it('findDateInText reads an ISO date value (with or without a time) as chrono-node does', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const value = fc.record({
      year: fc.integer({ min: 1990, max: 2040 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }),
      time: fc.option(fc.record({ sep: fc.constantFrom(' ', 'T'), h: fc.integer({ min: 0, max: 25 }), m: fc.integer({ min: 0, max: 61 }), zone: fc.constantFrom('', 'Z', ' UTC') })),
      lead: fc.constantFrom('', ' ', '\t'), trail: fc.constantFrom('', ' ', '\n'), order: fc.constantFrom(undefined, 'dmy' as const, 'mdy' as const),
    }).map((v) => ({ ...v, text: `${v.lead}${v.year}-${pad(v.month)}-${pad(v.day)}${v.time ? `${v.time.sep}${pad(v.time.h)}:${pad(v.time.m)}${v.time.zone}` : ''}${v.trail}` }));
    fc.assert(fc.property(value, (v) => {
      assert.equal(findDateInText(v.text, v.order)?.iso ?? null, chronoDate(v.text, v.order), JSON.stringify(v.text));
    }), { numRuns: 1500 });
  });
});
