/**
 * The corpus yardstick for action items: count, first words (in order) and owners against index.json.
 */
import assert from 'node:assert/strict';
import { buildCorpusModel, corpusAvailable, corpusTotals, loadIndex, norm, readCorpusFile } from './helpers';
import { offsetAt } from '../../server/src/service/model/ranges';

/** Where we read a document differently from its annotation (see timeline.test.ts for the format). */
const disagreements: Record<string, { field: 'count' | 'list' | 'owners'; reason: string }[]> = {};

const totals = corpusTotals.actions;

describe('corpus: action items', () => {
  // A missing corpus fails here (loadIndex throws), never skips: CI has ../shared beside the clone.
  it('finds the annotated corpus beside the clone (../shared/corpus)', () => assert.ok(corpusAvailable(), 'corpus not found beside the clone'));
  const index = corpusAvailable() ? loadIndex() : [];
  for (const expected of index) {
    it(`${expected.file}`, async () => {
      const { model, doc } = await buildCorpusModel(readCorpusFile(expected.file), expected.file);
      const skip = new Set((disagreements[expected.file] ?? []).map((d) => d.field));
      const items = model.actionItems;
      const owners = items.filter((i) => i.owner).length;
      totals.documents++;
      totals.found += items.length;
      totals.annotated += expected.action_items;
      totals.owners += owners;
      totals.ownersAnnotated += expected.action_items_with_owner;
      if (items.length === expected.action_items) totals.agreeing++;
      if (!skip.has('count')) assert.equal(items.length, expected.action_items, `items: ${items.map((i) => i.text.slice(0, 40)).join(' | ')}`);
      if (!skip.has('list')) {
        expected.action_list.forEach((words, k) => {
          const item = items[k];
          assert.ok(item, `item #${k} "${words}" missing`);
          const written = doc.text.slice(offsetAt(doc, item.range.start), offsetAt(doc, item.range.end)).replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '');
          const ok = norm(item.text).startsWith(norm(words)) || norm(written).startsWith(norm(words));
          assert.ok(ok, `item #${k}: expected "${words}", got "${item.text.slice(0, 80)}"`);
        });
      }
      if (!skip.has('owners')) assert.equal(owners, expected.action_items_with_owner, 'items with an owner');
    });
  }
});
