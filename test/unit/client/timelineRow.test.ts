import assert from 'node:assert/strict';
import { escapeSnippet, newEntrySnippet, retime } from '../../../client/src/timelineRow';

const now = { date: '2024-05-02', time: '16:07' };
const at = (line: string, raw: string) => ({ timeStart: line.indexOf(raw), timeEnd: line.indexOf(raw) + raw.length });

describe('client timelineRow', () => {
  it('retimes a raw timestamp in its own style', () => {
    assert.equal(retime('14:03', now), '16:07');
    assert.equal(retime('2024-05-01 14:03 UTC', now), '2024-05-02 16:07 UTC');
    assert.equal(retime('2024-05-01T14:03Z', now), '2024-05-02T16:07Z');
    assert.equal(retime('**09:14**', now), '**16:07**');
    assert.equal(retime('~06:20', now), '16:07');
    assert.equal(retime('10:05 AM', now), '04:07 PM');
    assert.equal(retime('9:05 am', { date: now.date, time: '09:30' }), '9:30 am');
    assert.equal(retime('2X:XX', now), '16:07');
  });
  it('builds a table row with the same columns and the cursor in the text cell', () => {
    const line = '| 2024-05-01 14:03 | Alert fired | @bob |';
    const s = newEntrySnippet({ line, style: 'table', ...at(line, '2024-05-01 14:03') }, now);
    assert.equal(s, '\n| 2024-05-02 16:07 | ${1:what happened} | $2 |');
  });
  it('keeps emphasis in a table time cell, and a text column before the time', () => {
    const line = '| **14:03** | Alert fired |';
    assert.equal(newEntrySnippet({ line, style: 'table', ...at(line, '14:03') }, now), '\n| **16:07** | ${1:what happened} |');
    const line2 = '| Alert fired | 14:03 |';
    assert.equal(newEntrySnippet({ line: line2, style: 'table', ...at(line2, '14:03') }, now), '\n| ${1:what happened} | 16:07 |');
  });
  it('builds a list item with the same marker, emphasis and separator', () => {
    const line = '- **10:05 AM:** Monitoring alert went off';
    assert.equal(newEntrySnippet({ line, style: 'list', ...at(line, '10:05 AM') }, now), '\n- **04:07 PM:** ${1:what happened}');
    const line2 = '  * 14:03 UTC — Rolled back';
    assert.equal(newEntrySnippet({ line: line2, style: 'list', ...at(line2, '14:03 UTC') }, now), '\n  * 16:07 UTC — ${1:what happened}');
    const line3 = '- [x] 14:03 Paged on-call';
    assert.equal(newEntrySnippet({ line: line3, style: 'list', ...at(line3, '14:03') }, now), '\n- [ ] 16:07 ${1:what happened}');
  });
  it('separates heading and paragraph entries with a blank line', () => {
    const line = '### 14:03 - Alert';
    assert.equal(newEntrySnippet({ line, style: 'heading', ...at(line, '14:03') }, now), '\n\n### 16:07 - ${1:what happened}');
  });
  it('escapes snippet syntax in copied text', () => {
    assert.equal(escapeSnippet('cost $5 {x} \\'), 'cost \\$5 {x\\} \\\\');
    const line = '| 14:03 | text | $ |';
    assert.equal(newEntrySnippet({ line, style: 'table', ...at(line, '14:03') }, now), '\n| 16:07 | ${1:what happened} | $2 |');
  });
});
