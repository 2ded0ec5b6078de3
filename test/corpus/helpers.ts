/**
 * Corpus support: reads ../shared/corpus at test time (never copied into the repository) and builds the
 * model with the parser engineer's buildModel when it exists, else with a minimal local assembly
 * (remark parse + a regex section classifier + title/date/timezone from the frontmatter).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { parse as parseYaml } from 'yaml';
import type { Root } from 'mdast';
import type { Metadata, PostmortemModel, Section, SectionKind } from '../../common/model';
import { DEFAULT_SETTINGS, type PostmortemSettings } from '../../common/settings';
import type { ParsedDocument } from '../../server/src/service/types';
import { readTimeline } from '../../server/src/service/model/timeline';
import { readActionItems } from '../../server/src/service/model/actionItems';
import { readImpact } from '../../server/src/service/model/impact';
import { applyKeyMoments } from '../../server/src/service/model/keyMoments';
import { computeMetrics } from '../../server/src/service/model/metrics';
import { headingText, startOf, endOf } from '../../server/src/service/model/timeline/text';
import { rangeFromOffsets } from '../../server/src/service/model/ranges';

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

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_DIR, 'index.json'));
}

export function loadIndex(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'index.json'), 'utf8')) as CorpusEntry[];
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

const KINDS: [RegExp, SectionKind][] = [
  [/time\s?line|chronology/i, 'timeline'],
  [/action items?|corrective|follow[- ]?up actions|next steps/i, 'action_items'],
  [/impact|affected/i, 'impact'],
  [/summary|overview/i, 'summary'],
];

/** Local stand-in for readSections (headings, parent links, ranges to the next heading of same or higher level). */
export function localSections(doc: ParsedDocument): Section[] {
  const heads = doc.tree.children.filter((n) => n.type === 'heading');
  const out: Section[] = [];
  heads.forEach((h, i) => {
    if (h.type !== 'heading') return;
    const title = headingText(doc, h).text.trim();
    const next = heads.slice(i + 1).find((n) => n.type === 'heading' && n.depth <= h.depth);
    const end = next ? startOf(next) : doc.text.length;
    let parent = -1;
    for (let j = out.length - 1; j >= 0; j--) if (out[j]!.depth < h.depth) { parent = j; break; }
    out.push({
      kind: KINDS.find(([re]) => re.test(title))?.[1] ?? 'other', title, depth: h.depth,
      headingRange: rangeFromOffsets(doc, startOf(h), endOf(h)), bodyRange: rangeFromOffsets(doc, endOf(h), end), range: rangeFromOffsets(doc, startOf(h), end), parent,
    });
  });
  return out;
}

export function localMetadata(doc: ParsedDocument): Metadata {
  const meta: Metadata = { frontmatter: null, participants: [], services: [], times: {}, extra: {} };
  const fm = doc.tree.children[0];
  if (fm?.type === 'yaml') {
    try {
      const data = parseYaml(fm.value) as Record<string, unknown>;
      const r = rangeFromOffsets(doc, startOf(fm), endOf(fm));
      if (typeof data?.title === 'string') meta.title = { value: data.title, range: r, source: 'frontmatter' };
      if (data?.date) meta.date = { value: String(data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date), range: r, source: 'frontmatter' };
      if (typeof data?.timezone === 'string') meta.timezone = { value: data.timezone, range: r, source: 'frontmatter' };
    } catch { /* not our concern here */ }
  }
  return meta;
}

type BuildModel = (doc: ParsedDocument, settings: PostmortemSettings, isPostmortem: boolean) => PostmortemModel;
let external: BuildModel | null | undefined;

/** The parser engineer's buildModel, when model/index.ts exists. */
export async function loadBuildModel(): Promise<BuildModel | null> {
  if (external !== undefined) return external;
  const path = resolve(__dirname, '../../server/src/service/model/index.ts');
  external = null;
  if (existsSync(path)) {
    try {
      const mod = (await import(path)) as { buildModel?: BuildModel };
      external = mod.buildModel ?? null;
    } catch { external = null; }
  }
  return external;
}

export function localModel(doc: ParsedDocument, settings: PostmortemSettings = DEFAULT_SETTINGS): PostmortemModel {
  const sections = localSections(doc);
  const metadata = localMetadata(doc);
  const timeline = readTimeline(doc, sections, metadata, settings);
  const actionItems = readActionItems(doc, sections);
  const impact = readImpact(doc, sections, metadata);
  applyKeyMoments(metadata, timeline);
  return {
    uri: doc.uri, version: doc.version, isPostmortem: true, metadata, sections, timeline, actionItems, impact,
    metrics: computeMetrics(metadata, settings), blocks: { code: [], tables: [], prose: [] }, lineCount: doc.lineStarts.length,
  };
}

export async function buildCorpusModel(text: string, file: string): Promise<{ model: PostmortemModel; doc: ParsedDocument; via: string }> {
  const doc = parsedDocument(text, `file:///corpus/${file}`);
  const build = await loadBuildModel();
  if (build) return { model: build(doc, DEFAULT_SETTINGS, true), doc, via: 'buildModel' };
  return { model: localModel(doc), doc, via: 'local' };
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
