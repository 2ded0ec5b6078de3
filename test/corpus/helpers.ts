/**
 * Corpus support: reads ../shared/corpus at test time (never copied into the repository) and builds the
 * model with the real buildModel (no stand-in: what is graded is what ships).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import type { PostmortemModel, SectionKind } from '../../common/model';
import { DEFAULT_SETTINGS } from '../../common/settings';
import type { ParsedDocument } from '../../server/src/service/types';
import { buildModel } from '../../server/src/service/model/index';

/** The corpus beside the clone (`../shared/corpus`, as CI has it), or where POSTMORTEM_CORPUS points. */
export const CORPUS_DIR = process.env.POSTMORTEM_CORPUS ? resolve(process.env.POSTMORTEM_CORPUS) : resolve(__dirname, '../../../shared/corpus');

/** Filled by the corpus suites; printed once after all of them. */
export const corpusTotals = {
  timeline: { found: 0, annotated: 0, documents: 0, agreeing: 0 },
  actions: { found: 0, annotated: 0, documents: 0, agreeing: 0, owners: 0, ownersAnnotated: 0 },
};

if (typeof after === 'function') {
  after(() => {
    const t = corpusTotals.timeline;
    const a = corpusTotals.actions;
    if (!t.documents && !a.documents) return;
    console.log(
      `corpus summary: timeline entries ${t.found} found / ${t.annotated} annotated (${t.agreeing}/${t.documents} documents agree on the count); ` +
        `action items ${a.found} found / ${a.annotated} annotated (${a.agreeing}/${a.documents} documents agree); owners ${a.owners} / ${a.ownersAnnotated}`,
    );
  });
}

export interface CorpusEntry {
  file: string;
  timeline_entries: number;
  timeline_list: string[];
  first_utc: string | null;
  last_utc: string | null;
  action_items: number;
  action_list: string[];
  action_items_with_owner: number;
  [key: string]: unknown;
}

/** The annotation files: the first 32 documents, and the 10 from teams added later (read cold, then after). */
export const INDEX_FILES = ['index.json', 'index-new.json'] as const;
export type IndexName = (typeof INDEX_FILES)[number];

export function corpusAvailable(): boolean {
  return INDEX_FILES.every((f) => existsSync(join(CORPUS_DIR, f)));
}

/** One annotation file, or (no argument) both, in order. */
export function loadIndex(name?: IndexName): CorpusEntry[] {
  const files = name ? [name] : INDEX_FILES;
  return files.flatMap((f) => JSON.parse(readFileSync(join(CORPUS_DIR, f), 'utf8')) as CorpusEntry[]);
}

export function readCorpusFile(file: string): string {
  return readFileSync(join(CORPUS_DIR, file), 'utf8');
}

export function parsedDocument(text: string, uri = 'file:///doc.md'): ParsedDocument {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).parse(text) as Root;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return { uri, version: 1, text, tree, lineStarts };
}

/** Annotation key -> the section kinds that satisfy it (sections_canonical). */
export const SECTION_KEYS: Record<string, SectionKind[]> = {
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

/** Builds the model with the real `buildModel`, as the server does. An import error fails the suite. */
export async function buildCorpusModel(text: string, file: string): Promise<{ model: PostmortemModel; doc: ParsedDocument }> {
  const doc = parsedDocument(text, `file:///corpus/${file}`);
  return { model: buildModel(doc, DEFAULT_SETTINGS, true), doc };
}

/** Normalise for "first words" comparisons: plain words, lower case. */
export function norm(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/[*_`<>[\]()"“”‘’'#:,.;!?|–—~-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
