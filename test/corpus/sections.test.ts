/**
 * Corpus: the section kinds readSections recognises, against the hand annotations in index.json
 * and index-new.json (`sections_canonical`: only real Markdown headings count). Reads ../shared/corpus at test time.
 */
import assert from 'node:assert/strict';
import { buildCorpusModel, corpusAvailable, CORPUS_DIR, loadIndex, readCorpusFile, SECTION_KEYS as KINDS } from './helpers';

/**
 * Where, after reading the document, the annotation looks wrong to us: file -> annotation key -> what we say and why.
 * The test expects our value for these; everything else must agree exactly.
 */
const DISAGREEMENTS: Record<string, Record<string, { ours: boolean; why: string }>> = {
  'rust-cratesio-index-2020.md': {
    lessons: {
      ours: false,
      why:
        "The lessons sit under a heading titled just 'Postmortem'. The annotation judges by content; from the title alone a " +
        "'Postmortem' heading says nothing about its kind (in a postmortem every part is 'postmortem'), so we leave it 'other' " +
        'rather than guess lessons for every such heading.',
    },
  },
};

describe('corpus: section kinds agree with index.json', function () {
  if (!corpusAvailable()) {
    // CI and every developer have ../shared beside the clone: a missing corpus is a failure, not a skip.
    it('finds the corpus beside the clone (../shared/corpus)', () => assert.fail(`corpus not found at ${CORPUS_DIR}`));
    return;
  }
  for (const entry of loadIndex()) {
    it(entry.file, async () => {
      const { model } = await buildCorpusModel(readCorpusFile(entry.file), entry.file);
      const sections = model.sections;
      const found = new Set(sections.map((s) => s.kind));
      const mismatches: string[] = [];
      for (const [key, expected] of Object.entries(entry.sections_canonical as Record<string, boolean>)) {
        const kinds = KINDS[key];
        if (!kinds) continue;
        const ours = kinds.some((k) => found.has(k));
        const want = DISAGREEMENTS[entry.file]?.[key]?.ours ?? expected;
        if (ours !== want) mismatches.push(`${key}: expected ${want}, found ${ours}`);
      }
      assert.deepEqual(mismatches, [], `headings: ${sections.map((s) => `${s.title} -> ${s.kind}`).join('; ')}`);
    });
  }
});
