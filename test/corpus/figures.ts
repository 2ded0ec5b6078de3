/**
 * The corpus figures the README reports: how much of each annotated document the real model reads, scored the way
 * the corpus suite scores. Run: `npx tsx test/corpus/figures.ts [index-new.json|index.json|all]`.
 * Prints a Markdown table per document and the totals.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ActionItem, PostmortemModel, SectionKind } from '../../common/model';
import type { ParsedDocument } from '../../server/src/service/types';
import { offsetAt } from '../../server/src/service/model/ranges';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { createPostmortemService } from '../../server/src/service/index';
import { buildCorpusModel, loadIndex, norm, readCorpusFile, SECTION_KEYS, type CorpusEntry, type IndexName } from './helpers';

export interface DocumentFigures {
  file: string;
  sectionsPresent: number;
  sectionsFound: number;
  sectionsAgree: number;
  sectionKeys: number;
  entriesAnnotated: number;
  entriesFound: number;
  entriesRead: number;
  itemsAnnotated: number;
  itemsFound: number;
  itemsRead: number;
  ownersAnnotated: number;
  owners: number;
  instantsAnnotated: number;
  instantsRight: number;
  missingFalse: number;
  warnings: number;
}

/** Annotated timeline entries found by their text, in order (the corpus suite's matching). */
function entriesFoundByText(model: PostmortemModel, list: string[]): number {
  let from = 0;
  let found = 0;
  for (const line of list) {
    const [time, words] = line.split(' | ').map((s) => norm(s)) as [string, string];
    const at = model.timeline.findIndex((e, i) => i >= from && norm(`${e.rawTime} ${e.text}`).startsWith(norm(time)) && norm(`${e.rawTime} ${e.text}`).includes(words));
    if (at >= 0) { found++; from = at + 1; }
  }
  return found;
}

/** Annotated action items found by their first words, in any order, each matched once. */
function itemsFoundByText(model: PostmortemModel, doc: ParsedDocument, list: string[]): number {
  const used = new Set<number>();
  let found = 0;
  const written = (it: ActionItem) => doc.text.slice(offsetAt(doc, it.range.start), offsetAt(doc, it.range.end)).replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '');
  for (const words of list) {
    const w = norm(words);
    const at = model.actionItems.findIndex((it, i) => !used.has(i) && (norm(it.text).startsWith(w) || norm(written(it)).startsWith(w)));
    if (at >= 0) { used.add(at); found++; }
  }
  return found;
}

export async function figuresOf(entry: CorpusEntry): Promise<DocumentFigures> {
  const text = readCorpusFile(entry.file);
  const { model, doc: parsed } = await buildCorpusModel(text, entry.file);
  const kinds = new Set(model.sections.map((s) => s.kind));
  const canonical = (entry.sections_canonical ?? {}) as Record<string, boolean>;
  let present = 0, found = 0, agree = 0, keys = 0;
  for (const [key, want] of Object.entries(canonical)) {
    const ks = SECTION_KEYS[key];
    if (!ks) continue;
    const ours = ks.some((k) => kinds.has(k));
    keys++;
    if (ours === want) agree++;
    if (want) { present++; if (ours) found++; }
  }
  const minute = (iso: string | null | undefined) => (iso ? iso.slice(0, 16) : iso);
  let instantsAnnotated = 0, instantsRight = 0;
  for (const [want, got] of [[entry.first_utc, model.timeline[0]?.iso], [entry.last_utc, model.timeline.at(-1)?.iso]] as const) {
    if (!want) continue;
    instantsAnnotated++;
    if (minute(got) === minute(want.replace(/Z$/, ':00Z'))) instantsRight++;
  }
  // Findings as a team sees them on opening the document (default settings).
  const service = createPostmortemService({ logger: { info() {}, warn() {}, error() {} } as never });
  const doc = TextDocument.create(`file:///ws/postmortems/${entry.file}`, 'markdown', 1, text);
  const analysis = service.analyze(doc, { settings: DEFAULT_SETTINGS, workspaceFolders: ['file:///ws'] });
  const presentKinds = new Set(Object.entries(canonical).filter(([, v]) => v).flatMap(([k]) => SECTION_KEYS[k] ?? []));
  const missingFalse = analysis.findings.filter((f) => f.code === 'missing-section' && presentKinds.has(f.data?.kind as SectionKind)).length;
  const warnings = analysis.findings.filter((f) => f.severity === 'warning').length;
  return {
    file: entry.file,
    sectionsPresent: present, sectionsFound: found, sectionsAgree: agree, sectionKeys: keys,
    entriesAnnotated: entry.timeline_entries, entriesFound: entriesFoundByText(model, entry.timeline_list), entriesRead: model.timeline.length,
    itemsAnnotated: entry.action_items, itemsFound: itemsFoundByText(model, parsed, entry.action_list), itemsRead: model.actionItems.length,
    ownersAnnotated: entry.action_items_with_owner, owners: model.actionItems.filter((i) => i.owner).length,
    instantsAnnotated, instantsRight, missingFalse, warnings,
  };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '—');

export function figuresTable(rows: DocumentFigures[]): string {
  const out = [
    '| document | sections (present found) | timeline entries by text (read) | action items by text (read) | items with owner | first/last UTC | "missing section" false | warnings |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    out.push(`| ${r.file} | ${r.sectionsFound}/${r.sectionsPresent} | ${r.entriesFound}/${r.entriesAnnotated} (${r.entriesRead}) | ${r.itemsFound}/${r.itemsAnnotated} (${r.itemsRead}) | ${r.owners}/${r.ownersAnnotated} | ${r.instantsRight}/${r.instantsAnnotated} | ${r.missingFalse} | ${r.warnings} |`);
  }
  const sum = (k: keyof DocumentFigures) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const warnings = rows.map((r) => r.warnings).sort((a, b) => a - b);
  const median = warnings.length ? (warnings.length % 2 ? warnings[(warnings.length - 1) / 2]! : (warnings[warnings.length / 2 - 1]! + warnings[warnings.length / 2]!) / 2) : 0;
  // Owners: an owner read where the annotation has none is not credit; where it has some, found ones count up to it.
  const ownerRight = rows.reduce((s, r) => s + Math.min(r.owners, r.ownersAnnotated), 0);
  out.push(
    `| **total** | ${sum('sectionsFound')}/${sum('sectionsPresent')} = ${pct(sum('sectionsFound'), sum('sectionsPresent'))} (all keys agree ${pct(sum('sectionsAgree'), sum('sectionKeys'))}) ` +
      `| ${sum('entriesFound')}/${sum('entriesAnnotated')} = ${pct(sum('entriesFound'), sum('entriesAnnotated'))} ` +
      `| ${sum('itemsFound')}/${sum('itemsAnnotated')} = ${pct(sum('itemsFound'), sum('itemsAnnotated'))} ` +
      `| ${ownerRight}/${sum('ownersAnnotated')} = ${pct(ownerRight, sum('ownersAnnotated'))} ` +
      `| ${sum('instantsRight')}/${sum('instantsAnnotated')} = ${pct(sum('instantsRight'), sum('instantsAnnotated'))} ` +
      `| ${sum('missingFalse')} | median ${median}, max ${warnings.at(-1) ?? 0} |`,
  );
  return out.join('\n');
}

async function main(): Promise<void> {
  const which = (process.argv[2] ?? 'index-new.json') as IndexName | 'all';
  const entries = which === 'all' ? [...loadIndex('index.json'), ...loadIndex('index-new.json')] : loadIndex(which);
  const rows: DocumentFigures[] = [];
  for (const e of entries) rows.push(await figuresOf(e));
  console.log(figuresTable(rows));
}

if (process.argv[1] && /figures\.ts$/.test(process.argv[1])) void main();
