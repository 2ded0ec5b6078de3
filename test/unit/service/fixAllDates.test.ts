/**
 * "Fix all" and the timestamp-nonstandard fix must never change when things happened: the incident date comes
 * from the timeline, metadata, title or intro/summary (never an action item's due date), and a date or zone that
 * later entries inherit is kept by the normalisation.
 */
import assert from 'node:assert/strict';
import { analyse, applyEdits, URI } from './analysisSupport';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { fixAllEdits, getCodeActions } from '../../../server/src/service/codeActions';
import type { Finding } from '../../../server/src/service/types';

const build = analyse;
const apply = applyEdits;

const REPRO = `---
title: Checkout errors
severity: SEV2
status: draft
---

# Checkout errors

## Summary

Checkout failed for some customers.

## Timeline

- 2024-05-01 14:10 UTC Alert fired
- 14:05 Config change rolled out
- 14:30 Rolled back

## Action items

- [ ] Add a canary (owner: @bob, due: 2024-05-20, type: prevent)
`;

describe('fix all never moves the incident date', () => {
  it('the date of the first entry is kept by the timestamp-nonstandard fix, and fix all leaves every entry on 2024-05-01', () => {
    const before = build(REPRO);
    assert.deepEqual(before.model.timeline.map((e) => e.iso), ['2024-05-01T14:10:00Z', '2024-05-01T14:05:00Z', '2024-05-01T14:30:00Z']);
    const nonstandard = before.fs.filter((f) => f.code === 'timestamp-nonstandard');
    for (const f of nonstandard) assert.match(String(f.data?.normalized), /^2024-05-01 /);
    const fixed = apply(REPRO, fixAllEdits(before.doc, before.model, before.fs));
    const after = build(fixed);
    assert.deepEqual(after.model.timeline.map((e) => e.iso).sort(), ['2024-05-01T14:05:00Z', '2024-05-01T14:10:00Z', '2024-05-01T14:30:00Z']);
    // The quick fix alone, too.
    for (const f of nonstandard) {
      const [a] = getCodeActions(before.doc, before.model, f.range, [f], ['quickfix'], DEFAULT_SETTINGS);
      const once = build(apply(REPRO, a!.edit!.changes![URI]!));
      assert.ok(once.model.timeline.every((e) => e.iso?.startsWith('2024-05-01')), once.model.timeline.map((e) => e.iso).join());
    }
  });

  it('the incident date never comes from an action item: undated times stay unread rather than land on the due date', () => {
    const text = REPRO.replace('- 2024-05-01 14:10 UTC Alert fired', '- 14:10 UTC Alert fired');
    const { model } = build(text);
    assert.deepEqual(model.timeline.map((e) => e.iso), [null, null, null]);
    assert.ok(model.timeline.every((e) => /no date known/.test(e.note ?? '')));
  });

  it('a date in the intro or summary still dates the timeline', () => {
    const text = REPRO.replace('- 2024-05-01 14:10 UTC Alert fired', '- 14:10 UTC Alert fired').replace('Checkout failed for some customers.', 'On 2024-04-30 checkout failed for some customers.');
    assert.deepEqual(build(text).model.timeline.map((e) => e.iso), ['2024-04-30T14:10:00Z', '2024-04-30T14:05:00Z', '2024-04-30T14:30:00Z']);
  });

  it('a zone later entries inherit is kept', () => {
    const text = '# X\n\n## Timeline\n\n- 2024-05-01 14:10 PDT Alert fired\n- 14:05 Config change\n- 14:30 Rolled back\n- 14:40 Done\n';
    const before = build(text);
    assert.equal(before.model.timeline[1]!.iso, '2024-05-01T21:05:00Z');
    const fixed = apply(text, fixAllEdits(before.doc, before.model, before.fs));
    const after = build(fixed);
    assert.deepEqual(after.model.timeline.map((e) => e.iso).sort(), before.model.timeline.map((e) => e.iso).sort());
  });

  it('a date that an earlier entry already gives is still normalised away', () => {
    const text = '# X\n\n## Timeline\n\n- 2024-05-01 14:00 Start\n- 14:05 Config change\n- 2024-05-01 14:10 Alert\n- 14:30 Rolled back\n- 14:40 Done\n';
    const { fs } = build(text);
    const f = fs.find((x): x is Finding<'timestamp-nonstandard'> => x.code === 'timestamp-nonstandard' && x.range.start.line === 6);
    assert.equal(f?.data.normalized, '14:10');
  });
});
