import assert from 'node:assert/strict';
import { readTimeline } from '../../../server/src/service/model/timeline';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { timestampUnparseable } from '../../../server/src/service/rules/timestampUnparseable';
import { parsedDocument } from '../../corpus/helpers';
import { readSections } from '../../../server/src/service/model/sections';
import { readMetadata } from '../../../server/src/service/model/metadata';
import { makeModel, runRule } from './modelFactory';

function timeline(text: string) {
  const doc = parsedDocument(text);
  return readTimeline(doc, readSections(doc), readMetadata(doc, DEFAULT_SETTINGS), DEFAULT_SETTINGS);
}

describe('timeline: times the scanner does not read are not dropped', () => {
  it('reads `14h30` and `14.30` at the start of an entry as 14:30', () => {
    const es = timeline('# 2024-05-01 outage\n\n## Timeline\n\n- 14h05 Deploy starts\n- 14.30 Alert fired\n- 14:45 Rolled back\n');
    assert.deepEqual(es.map((e) => [e.rawTime, e.iso, e.text]), [
      ['14h05', '2024-05-01T14:05:00Z', 'Deploy starts'], ['14.30', '2024-05-01T14:30:00Z', 'Alert fired'], ['14:45', '2024-05-01T14:45:00Z', 'Rolled back']]);
  });
  it('a timeline written only in `14h30` style is read', () => {
    const es = timeline('# 2024-05-01 outage\n\n## Timeline\n\n- 14h30 Alert fired\n- 15h10 Rolled back\n');
    assert.deepEqual(es.map((e) => e.iso), ['2024-05-01T14:30:00Z', '2024-05-01T15:10:00Z']);
  });
  it('an entry whose leading time cannot be read is still an entry, with iso null and a note, and is reported', () => {
    const es = timeline('# 2024-05-01 outage\n\n## Timeline\n\n- 14:05 Deploy starts\n- 25:70 Something odd\n- 14:45 Rolled back\n');
    assert.equal(es.length, 3);
    assert.equal(es[1]!.rawTime, '25:70');
    assert.equal(es[1]!.iso, null);
    assert.equal(es[1]!.text, 'Something odd');
    assert.match(es[1]!.note ?? '', /could not read/);
    const fs = runRule(timestampUnparseable, makeModel({ timeline: es }));
    assert.equal(fs.length, 1);
    assert.match(fs[0]!.message, /Cannot read the time '25:70'/);
  });
  it('a `**10:30** - ...` paragraph after a heading entry is its own entry', () => {
    const es = timeline('# 2024-05-01 outage\n\n## Timeline\n\n### 10:05 Deploy\n\nThe deploy starts.\n\n**10:30** - Alert fired\n\n### 11:00 Rolled back\n');
    assert.deepEqual(es.map((e) => [e.rawTime, e.iso, e.style, e.text]), [
      ['10:05', '2024-05-01T10:05:00Z', 'heading', 'Deploy The deploy starts.'],
      ['10:30', '2024-05-01T10:30:00Z', 'paragraph', 'Alert fired'],
      ['11:00', '2024-05-01T11:00:00Z', 'heading', 'Rolled back'],
    ]);
  });
});
