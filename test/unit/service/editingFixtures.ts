/**
 * Test helpers for the editing features (engineer 4): a ParsedDocument from text, a small hand-rolled
 * model of simple documents (frontmatter, headings, a table/list/heading timeline, task-list or table
 * action items), a SchemaInfo literal, and applying TextEdits.
 * The model here is deliberately simple and explicit, so the editing tests do not depend on the parser's heuristics.
 */
import { computeLineStarts, parseFull } from '../../../server/src/service/parse';
import { readBlocks } from '../../../server/src/service/model/blocks';
import { buildModel } from '../../../server/src/service/model/index';
import { markOrder } from '../../../server/src/service/model/order';
import YAML from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ActionItem, KeyTimeName, Located, Metadata, Metric, PostmortemModel, Range, Section, SectionKind, TimelineEntry } from '../../../common/model';
import type { ParsedDocument, SchemaInfo } from '../../../server/src/service/types';
import { DEFAULT_SETTINGS } from '../../../common/settings';

export const settings = DEFAULT_SETTINGS;
export const URI = 'file:///work/postmortems/pm.md';

export function parsed(text: string): ParsedDocument {
  return { uri: URI, version: 1, text, tree: parseFull(text), lineStarts: computeLineStarts(text) };
}

export function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'markdown', 1, text), edits);
}

export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined): string {
  return apply(text, edit?.changes?.[URI] ?? []);
}

export const schema: SchemaInfo = {
  metadataKeys: [
    { key: 'title', description: 'Title of the incident.' },
    { key: 'severity', description: 'How bad it was.', values: [
      { value: 'SEV1', description: 'Critical: a full outage.' },
      { value: 'SEV2', description: 'Major: a core feature degraded.' },
      { value: 'SEV3', description: 'Minor: limited impact.' }] },
    { key: 'status', description: 'Where the review stands.', values: [
      { value: 'draft', description: 'Being written.' },
      { value: 'in-review', description: 'Under review.' },
      { value: 'final', description: 'Approved.' }] },
    { key: 'owner', description: 'Who owns the review.' },
    { key: 'participants', description: 'Who took part.' },
    { key: 'date', description: 'Date of the incident.' },
    { key: 'timezone', description: 'Zone of the times.' },
  ],
  requiredSections: ['summary', 'impact', 'timeline', 'action_items'],
  severities: [
    { value: 'SEV1', description: 'Critical: a full outage.' },
    { value: 'SEV2', description: 'Major: a core feature degraded.' },
    { value: 'SEV3', description: 'Minor: limited impact.' }],
  statuses: [
    { value: 'draft', description: 'Being written.' },
    { value: 'in-review', description: 'Under review.' },
    { value: 'final', description: 'Approved.' }],
  actionItemRequired: ['owner'],
  strict: false,
};

const KINDS: [RegExp, SectionKind][] = [
  [/^summary/i, 'summary'], [/^impact/i, 'impact'], [/^timeline/i, 'timeline'], [/^(contributing|root cause)/i, 'contributing_factors'],
  [/^detection/i, 'detection'], [/^response/i, 'response'], [/^resolution/i, 'resolution'], [/^action items/i, 'action_items'],
  [/^lessons/i, 'lessons_learned'], [/^what went well/i, 'what_went_well'], [/^what went wrong/i, 'what_went_wrong'],
  [/^where we got lucky/i, 'where_we_got_lucky'], [/^supporting/i, 'supporting_information'],
];

const rng = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

/** The real model of a document (parser and buildModel, as the server has it). */
export function realModelOf(text: string): { doc: ParsedDocument; model: PostmortemModel } {
  const doc = parsed(text);
  return { doc, model: buildModel(doc, DEFAULT_SETTINGS, true) };
}

/** A small model of a simple document. `patch` overrides parts of it. */
export function modelOf(text: string, patch: Partial<PostmortemModel> = {}): { doc: ParsedDocument; model: PostmortemModel } {
  const doc = parsed(text);
  const lines = text.split('\n');
  const metadata: Metadata = { frontmatter: null, participants: [], services: [], times: {}, extra: {} };
  let fmEnd = -1;
  if (lines[0] === '---') {
    fmEnd = lines.indexOf('---', 1);
    const keys: Record<string, { keyRange: Range; valueRange: Range }> = {};
    for (let l = 1; l < fmEnd; l++) {
      const m = /^([\w$-]+):(\s*)(.*)$/.exec(lines[l]!);
      if (!m) continue;
      const vStart = m[1]!.length + 1 + m[2]!.length;
      keys[m[1]!] = { keyRange: rng(l, 0, l, m[1]!.length), valueRange: rng(l, vStart, l, lines[l]!.length) };
      const loc: Located<string> = { value: m[3]!, range: keys[m[1]!]!.valueRange, keyRange: keys[m[1]!]!.keyRange, source: 'frontmatter' };
      const k = m[1]!.toLowerCase();
      if (['title', 'severity', 'status', 'owner', 'date', 'timezone'].includes(k)) (metadata as unknown as Record<string, unknown>)[k] = loc;
      if (['started', 'detected', 'acknowledged', 'mitigated', 'resolved'].includes(k)) {
        metadata.times[k as KeyTimeName] = { raw: m[3]!, iso: isoOf(m[3]!), range: loc.range, source: 'frontmatter' };
      }
      if (k === 'participants') {
        let at = vStart + 1;
        for (const p of m[3]!.replace(/^\[|\]$/g, '').split(',')) {
          const v = p.trim();
          const s = lines[l]!.indexOf(v, at);
          metadata.participants.push({ value: v, range: rng(l, s, l, s + v.length), source: 'frontmatter' });
          at = s + v.length;
        }
      }
    }
    metadata.frontmatter = { kind: 'yaml', range: rng(0, 0, fmEnd, 3), keys, data: YAML.parse(lines.slice(1, fmEnd).join('\n')) ?? {} };
  }
  lines.forEach((line, l) => {
    const m = /^\*\*(Severity|Status):\*\*\s*(.*)$/.exec(line);
    if (m) (metadata as unknown as Record<string, unknown>)[m[1]!.toLowerCase()] = { value: m[2]!, range: rng(l, line.length - m[2]!.length, l, line.length), keyRange: rng(l, 0, l, m[1]!.length + 5), source: 'inline' };
  });
  // Sections: every ATX heading.
  const heads: { line: number; depth: number; title: string }[] = [];
  let fence = false;
  lines.forEach((line, l) => {
    if (l <= fmEnd) return;
    if (/^```/.test(line)) fence = !fence;
    const m = !fence && /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (m) heads.push({ line: l, depth: m[1]!.length, title: m[2]! });
  });
  const last = lines.length - 1;
  const sections: Section[] = heads.map((h, i) => {
    const next = heads.slice(i + 1).find(n => n.depth <= h.depth);
    const endLine = next ? next.line - 1 : last;
    const range = rng(h.line, 0, endLine, lines[endLine]!.length);
    let parent = -1;
    for (let j = i - 1; j >= 0; j--) if (heads[j]!.depth < h.depth) { parent = j; break; }
    const kind = KINDS.find(([re]) => re.test(h.title))?.[1] ?? 'other';
    return { kind, title: h.title, depth: h.depth, headingRange: rng(h.line, 0, h.line, lines[h.line]!.length), bodyRange: rng(h.line + 1, 0, endLine, lines[endLine]!.length), range, parent,
      style: 'heading' as const, empty: !lines.slice(h.line + 1, endLine + 1).some((l) => !/^\s*(?:<!--.*?-->\s*)*$/.test(l)) };
  });
  const date = metadata.date?.value ?? '2024-05-01';
  const timeline: TimelineEntry[] = [];
  const actionItems: ActionItem[] = [];
  for (const s of sections) {
    if (s.kind !== 'timeline' && s.kind !== 'action_items') continue;
    for (let l = s.bodyRange.start.line; l <= s.range.end.line; l++) {
      const line = lines[l]!;
      if (s.kind === 'timeline') {
        const m = /^(\| *|[-*] +|#{2,6} +)(\*\*)?(?:(\d{4}-\d{2}-\d{2}) )?(\d{1,2}:\d{2}|TODO)(\*\*)?( [A-Z]{3,4})?:?(?: *\|)? *(.*?) *\|? *$/.exec(line);
        if (!m || /^\| *(Time|-)/.test(line)) continue;
        const style = line.startsWith('|') ? 'table' : line.startsWith('#') ? 'heading' : 'list';
        let endLine = l;
        if (style === 'heading') while (endLine + 1 <= s.range.end.line && !/^#/.test(lines[endLine + 1]!)) endLine++;
        while (style === 'heading' && endLine > l && lines[endLine]!.trim() === '') endLine--;
        const rawStart = m[1]!.length;
        const raw = line.slice(rawStart).match(/^(\*\*)?(\d{4}-\d{2}-\d{2} )?(\d{1,2}:\d{2}|TODO)(\*\*)?( [A-Z]{3,4})?/)![0];
        const iso = m[4] === 'TODO' ? null : `${m[3] ?? date}T${m[4]!.padStart(5, '0')}:00Z`;
        const textPart = m[7]!;
        timeline.push({ rawTime: raw, iso, approximate: false, zone: m[6]?.trim() ?? metadata.timezone?.value ?? null, text: textPart, style,
          range: rng(l, 0, endLine, lines[endLine]!.length), timeRange: rng(l, rawStart, l, rawStart + raw.length),
          ...(/alert fired/i.test(textPart) ? { marks: 'detected' as const } : /mitigat/i.test(textPart) ? { marks: 'mitigated' as const } : {}) });
      } else {
        const task = /^[-*] (\[[ xX]\] )?(.*)$/.exec(line);
        const row = /^\|(.*)\|$/.exec(line);
        if (task) {
          const item: ActionItem = { text: task[2]!.replace(/\s*\(.*\)$/, ''), range: rng(l, 0, l, line.length), done: /\[[xX]\]/.test(line), style: task[1] ? 'task' : 'list', id: `ai-${l}` };
          for (const f of ['owner', 'due', 'type'] as const) {
            const fm = new RegExp(`${f}: *([^,)]+)`).exec(line);
            if (fm) (item as unknown as Record<string, unknown>)[f] = { value: fm[1]!.replace(/^@/, ''), raw: fm[1], range: rng(l, fm.index + fm[0].length - fm[1]!.length, l, fm.index + fm[0].length), source: 'inline' };
          }
          actionItems.push(item);
        } else if (row && !/^\| *(Action|-)/i.test(line)) {
          actionItems.push({ text: row[1]!.split('|')[0]!.trim(), range: rng(l, 0, l, line.length), done: false, style: 'table', id: `ai-${l}` });
        }
      }
    }
  }
  const metrics: Metric[] = [];
  const t = metadata.times;
  const mins = (a?: string | null, b?: string | null) => (a && b ? (Date.parse(b) - Date.parse(a)) / 60000 : null);
  const ttm = mins(t.started?.iso, t.mitigated?.iso);
  if (ttm !== null) metrics.push({ name: 'timeToMitigate', label: 'Time to mitigate', minutes: ttm, definition: 'from impact start (started) to mitigated', from: 'started', to: 'mitigated' });
  const ttd = mins(t.started?.iso, t.detected?.iso);
  if (ttd !== null) metrics.push({ name: 'timeToDetect', label: 'Time to detect', minutes: ttd, definition: 'from impact start (started) to detected', from: 'started', to: 'detected' });
  const model: PostmortemModel = { uri: URI, version: 1, isPostmortem: true, metadata, sections, timeline, actionItems,
    impact: { quantified: false, figures: [] }, metrics, blocks: readBlocks(doc), lineCount: lines.length, ...patch };
  markOrder(model.timeline);
  return { doc, model };
}

function isoOf(raw: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(raw);
  return m ? `${m[1]}T${m[2]}:00Z` : null;
}
