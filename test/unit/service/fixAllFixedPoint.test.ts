/**
 * "Fix all" (and `postmortem check --fix`) must reach a fixed point in one application: sorting the timeline must not
 * move an entry whose time is read from the entries before it (a bare time takes the date and zone of the entries
 * above) to where it reads differently, or a second sort changes the timeline again.
 */
import assert from 'node:assert/strict';
import { analyse, applyEdits } from './analysisSupport';
import { fixAllEdits } from '../../../server/src/service/codeActions';
import { sortTimelineEdits } from '../../../server/src/service/edits';

const build = analyse;
const apply = applyEdits;
const fixAll = (text: string) => {
  const { doc, model, fs } = build(text);
  return apply(text, fixAllEdits(doc, model, fs.map((f) => ({ code: f.code, message: f.message, range: f.range, data: f.data }))));
};
const timesOf = (text: string) => build(text).model.timeline.map((e) => e.iso);

const timeline = (rows: string[]) => ['---', 'title: T', 'date: 2024-05-02', 'timezone: UTC', '---', '', '# T', '', '## Timeline', '',
  '| Time | Event |', '| --- | --- |', ...rows.map((r) => `| ${r} |`), ''].join('\n');

describe('fix all reaches a fixed point', () => {
  it('a bare time after a dated entry stays in that date (moving it first would give it the document date)', () => {
    // 09:00 reads as 2024-05-01 09:00 under the dated row; above it, it would read as 2024-05-02 09:00.
    const text = timeline(['10:00 | start', '2024-05-01 14:03 | deploy', '09:00 | alert', '11:00 | page']);
    const once = fixAll(text);
    assert.deepEqual(sortTimelineEdits(build(once).doc, build(once).model), [], `sorts again:\n${once}`);
    assert.equal(fixAll(once), once);
  });

  it('dated days still move whole, and bare times inside a day are sorted', () => {
    const text = timeline(['2024-05-01 14:03 | b', '15:00 | c', '14:30 | b2', '2024-04-30 10:00 | a', '11:00 | a2']);
    const once = fixAll(text);
    assert.deepEqual(timesOf(once), ['2024-04-30T10:00:00Z', '2024-04-30T11:00:00Z', '2024-05-01T14:03:00Z', '2024-05-01T14:30:00Z', '2024-05-01T15:00:00Z']);
    assert.equal(fixAll(once), once);
  });

  it('a bare time that writes its zone is not moved across the times it sets the zone for', () => {
    const text = timeline(['2024-05-01 14:03 | deploy', '14:03 UTC+14 | far away', '13:00 | after']);
    const once = fixAll(text);
    assert.deepEqual(sortTimelineEdits(build(once).doc, build(once).model), [], `sorts again:\n${once}`);
    assert.equal(fixAll(once), once);
  });

  it('list items are not moved into a list with another marker (that would change which list they are in)', () => {
    const text = ['---', 'title: T', 'date: 2024-05-01', '---', '', '# T', '', '## Timeline', '', '- 14:10 b', '- 14:03 a', '1. 14:00 c', ''].join('\n');
    const once = fixAll(text);
    assert.match(once, /- 14:03 a\n- 14:10 b\n1\. 14:00 c\n/);
    assert.equal(fixAll(once), once);
  });

  it('nothing is sorted across an entry that writes a date it cannot read as a time (it sets the date below it)', () => {
    const text = timeline(['2024-05-01 14:03 | a', '2024-02-30T24:00:00Z | bad date', '10:00 | b', '09:00 | c']);
    const once = fixAll(text);
    assert.deepEqual(sortTimelineEdits(build(once).doc, build(once).model), [], `sorts again:\n${once}`);
    assert.match(once, /\| a \|\n\| 2024-02-30T24:00:00Z \| bad date \|\n\| 09:00 \| c \|\n\| 10:00 \| b \|/);
  });
});
