/**
 * Outline: the frontmatter, sections as a hierarchy, timeline entries under the section holding them
 * (a heading-style entry replaces its heading's section symbol), action items under theirs.
 */
import { SymbolKind } from 'vscode-languageserver-types';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { ActionItem, PostmortemModel, Range, TimelineEntry } from '../../../common/model';
import { contains } from './model/ranges';

const MAX_NAME = 60;

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_NAME ? `${t.slice(0, MAX_NAME - 1)}…` : t;
}

function within(outer: Range, inner: Range): boolean {
  return contains(outer, inner.start) && contains(outer, inner.end);
}

function entrySymbol(e: TimelineEntry): DocumentSymbol {
  const time = e.rawTime.replace(/\*\*|__/g, '').replace(/:$/, '').trim();
  const name = shorten(`${time} ${e.text.replace(/^[\s:|–—-]+/, '')}`) || time || '(entry)';
  return {
    name,
    detail: e.iso ?? e.note ?? 'time not readable',
    kind: SymbolKind.Event,
    range: e.range,
    selectionRange: within(e.range, e.timeRange) ? e.timeRange : e.range,
    children: [],
  };
}

function itemSymbol(a: ActionItem): DocumentSymbol {
  const detail = [a.owner ? `@${a.owner.value.replace(/^@/, '')}` : '', a.due ? `due ${a.due.value}` : '', a.done ? 'done' : '']
    .filter(Boolean).join(' · ');
  return {
    name: shorten(a.text) || '(action item)',
    detail,
    kind: a.done ? SymbolKind.Boolean : SymbolKind.Field,
    range: a.range,
    selectionRange: a.range,
    children: [],
  };
}

export function getDocumentSymbols(model: PostmortemModel): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const fm = model.metadata.frontmatter;
  if (fm) {
    roots.push({
      name: 'Frontmatter',
      detail: fm.kind.toUpperCase(),
      kind: SymbolKind.Object,
      range: fm.range,
      selectionRange: { start: fm.range.start, end: fm.range.start },
      children: Object.entries(fm.keys).map(([key, r]) => ({
        // A YAML key can be blank (`"": x`, or a stray `\r` read as a key): VS Code rejects blank symbol names.
        name: shorten(key) || '(empty key)',
        detail: typeof fm.data[key] === 'string' || typeof fm.data[key] === 'number' ? String(fm.data[key]) : '',
        kind: SymbolKind.Property,
        range: { start: r.keyRange.start, end: r.valueRange.end.line >= r.keyRange.end.line ? r.valueRange.end : r.keyRange.end },
        selectionRange: r.keyRange,
      })),
    });
  }

  const headingEntries = new Map<number, TimelineEntry>();
  for (const e of model.timeline) if (e.style === 'heading') headingEntries.set(e.range.start.line, e);

  const symbols: DocumentSymbol[] = model.sections.map(s => {
    const entry = headingEntries.get(s.headingRange.start.line);
    if (entry) return { ...entrySymbol(entry), range: s.range };
    return {
      name: s.title.trim() || '(untitled)',
      ...(s.kind !== 'other' ? { detail: s.kind.replace(/_/g, ' ') } : {}),
      kind: s.kind === 'other' ? SymbolKind.Namespace : SymbolKind.Module,
      range: s.range,
      selectionRange: within(s.range, s.headingRange) ? s.headingRange : s.range,
      children: [],
    };
  });
  model.sections.forEach((s, i) => {
    const parent = s.parent >= 0 ? symbols[s.parent] : undefined;
    (parent ? parent.children! : roots).push(symbols[i]!);
  });

  /** The deepest section holding a position. */
  const holder = (r: Range): DocumentSymbol | undefined => {
    let best = -1;
    model.sections.forEach((s, i) => {
      if (contains(s.range, r.start) && (best < 0 || s.depth > model.sections[best]!.depth)) best = i;
    });
    return best >= 0 ? symbols[best] : undefined;
  };
  const place = (sym: DocumentSymbol) => {
    const parent = holder(sym.range);
    (parent ? parent.children! : roots).push(sym);
  };
  for (const e of model.timeline) if (e.style !== 'heading' || !model.sections.some(s => s.headingRange.start.line === e.range.start.line)) place(entrySymbol(e));
  for (const a of model.actionItems) place(itemSymbol(a));

  const byPosition = (a: DocumentSymbol, b: DocumentSymbol) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  const sortDeep = (list: DocumentSymbol[]) => {
    list.sort(byPosition);
    for (const s of list) if (s.children) sortDeep(s.children);
  };
  sortDeep(roots);
  return roots;
}
