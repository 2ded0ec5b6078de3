/**
 * The corpus yardstick for timelines: 32 real postmortems (../shared/corpus, read at test time) against
 * their hand annotations in index.json.
 */
import assert from 'node:assert/strict';
import { buildCorpusModel, corpusAvailable, corpusTotals, loadIndex, norm, readCorpusFile } from './helpers';

/**
 * Where we read a document differently from its annotation, after reading the document.
 * Only the named field of the named document is not asserted; everything else is.
 */
const disagreements: Record<string, { field: 'count' | 'first_utc' | 'last_utc' | 'list'; reason: string }[]> = {
  // | document | field | annotation | we read | why |
  // | mybinder-2018-07-08-podsnips-aplenty.md | last_utc | 2018-07-08T08:00Z | 2018-07-09T08:00Z |
  //   The timeline's own headings say '2018-07-08 ca. 18:30' and '2018-07-09 08:00', then '10:00'. The annotation
  //   re-dates the whole timeline one day earlier from quoted log lines (2018-07-07) and 'Saturday evening' in the
  //   summary. A reader of the timeline takes the dates the timeline writes; second-guessing headings from quoted
  //   logs is not something a linter should do silently (the literal reading is what times_why calls "literal").
  'mybinder-2018-07-08-podsnips-aplenty.md': [{ field: 'last_utc', reason: 'headings give 2018-07-09 10:00 CEST; annotation re-dates from quoted logs' }],
};

const totals = corpusTotals.timeline;

describe('corpus: timelines', () => {
  // A missing corpus fails here (loadIndex throws), never skips: CI has ../shared beside the clone.
  it('finds the annotated corpus beside the clone (../shared/corpus)', () => assert.ok(corpusAvailable(), 'corpus not found beside the clone'));
  const index = corpusAvailable() ? loadIndex() : [];
  for (const expected of index) {
    it(`${expected.file}`, async () => {
      const { model } = await buildCorpusModel(readCorpusFile(expected.file), expected.file);
      const skip = new Set((disagreements[expected.file] ?? []).map((d) => d.field));
      const entries = model.timeline;
      totals.documents++;
      totals.found += entries.length;
      totals.annotated += expected.timeline_entries;
      if (entries.length === expected.timeline_entries) totals.agreeing++;
      if (!skip.has('count')) assert.equal(entries.length, expected.timeline_entries, `entry count: ${entries.map((e) => e.rawTime).join(' | ')}`);
      if (!skip.has('list')) {
        let from = 0;
        for (const line of expected.timeline_list) {
          const [time, words] = line.split(' | ').map((s) => norm(s)) as [string, string];
          const at = entries.findIndex((e, i) => i >= from && norm(`${e.rawTime} ${e.text}`).startsWith(norm(time)) && norm(`${e.rawTime} ${e.text}`).includes(words));
          assert.ok(at >= 0, `entry "${line}" not found in order after #${from}; got: ${entries.slice(from, from + 3).map((e) => `${e.rawTime} | ${e.text.slice(0, 50)}`).join(' || ')}`);
          from = at + 1;
        }
      }
      const minute = (iso: string | null | undefined) => (iso ? iso.slice(0, 16) : iso);
      if (expected.first_utc && !skip.has('first_utc')) assert.equal(minute(entries[0]?.iso), minute(expected.first_utc.replace(/Z$/, ':00Z')), `first entry ${entries[0]?.rawTime} (${entries[0]?.note ?? ''})`);
      if (expected.last_utc && !skip.has('last_utc')) assert.equal(minute(entries.at(-1)?.iso), minute(expected.last_utc.replace(/Z$/, ':00Z')), `last entry ${entries.at(-1)?.rawTime} (${entries.at(-1)?.note ?? ''})`);
    });
  }
});
