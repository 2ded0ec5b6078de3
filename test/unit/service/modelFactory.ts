/**
 * Hand-built PostmortemModel objects for the schema/rules/diagnostics tests.
 * `makeModel()` is a complete, valid postmortem; tests override pieces with `makeModel({...})`.
 */
import type { ActionItem, Located, Metadata, PostmortemModel, Range, Section, SectionKind, TimelineEntry } from '../../../common/model';
import { DEFAULT_SETTINGS, type PostmortemSettings } from '../../../common/settings';
import { nullLogger, type Finding, type Rule, type RuleContext } from '../../../server/src/service/types';
import { computeFindings } from '../../../server/src/service/diagnostics';
import { SchemaValidator } from '../../../server/src/service/schema';

export function rng(line: number, start = 0, end = start + 1, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function loc<T>(value: T, line: number, start = 0, end?: number, source: Located<T>['source'] = 'frontmatter'): Located<T> {
  return { value, range: rng(line, start, end ?? start + String(value).length), keyRange: rng(line, 0, Math.max(1, start - 2)), source };
}

/** Frontmatter on lines 0-5: title, severity, status, date. */
export function makeMetadata(partial: Partial<Metadata> = {}): Metadata {
  return {
    frontmatter: {
      kind: 'yaml',
      range: rng(0, 0, 3, 5),
      keys: {
        title: { keyRange: rng(1, 0, 5), valueRange: rng(1, 7, 20) },
        severity: { keyRange: rng(2, 0, 8), valueRange: rng(2, 10, 14) },
        status: { keyRange: rng(3, 0, 6), valueRange: rng(3, 8, 13) },
        date: { keyRange: rng(4, 0, 4), valueRange: rng(4, 6, 16) },
      },
      data: { title: 'Checkout outage', severity: 'SEV2', status: 'draft', date: '2024-05-01' },
    },
    title: loc('Checkout outage', 1, 7),
    severity: loc('SEV2', 2, 10),
    status: loc('draft', 3, 8),
    date: loc('2024-05-01', 4, 6),
    participants: [],
    services: [],
    times: {},
    extra: {},
    ...partial,
  };
}

const KIND_TITLES: Record<string, string> = {
  summary: 'Summary', impact: 'Impact', timeline: 'Timeline', contributing_factors: 'Contributing factors', action_items: 'Action items',
};

/** Sections: a title (line 6) and the required sections, each heading 4 lines apart from line 8. */
export function makeSections(kinds: SectionKind[] = ['summary', 'impact', 'timeline', 'contributing_factors', 'action_items']): Section[] {
  const out: Section[] = [{ kind: 'other', title: 'Checkout outage', depth: 1, headingRange: rng(6, 0, 17), bodyRange: rng(7, 0, 0, 60), range: rng(6, 0, 0, 60), parent: -1, empty: false }];
  kinds.forEach((kind, i) => {
    const line = 8 + i * 4;
    const title = KIND_TITLES[kind] ?? kind;
    out.push({ kind, title, depth: 2, headingRange: rng(line, 0, 3 + title.length), bodyRange: rng(line + 1, 0, 0, line + 3), range: rng(line, 0, 0, line + 3), parent: 0, empty: false });
  });
  return out;
}

export function entry(rawTime: string, iso: string | null, line: number, partial: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    rawTime, iso, approximate: false, zone: 'UTC', text: `event at ${rawTime}`,
    range: rng(line, 0, 30), timeRange: rng(line, 2, 2 + rawTime.length), style: 'list', ...partial,
  };
}

export function item(text: string, line: number, partial: Partial<ActionItem> = {}): ActionItem {
  return { text, range: rng(line, 0, 40), done: false, style: 'task', id: `id-${line}`, ...partial };
}

export function makeModel(partial: Partial<PostmortemModel> = {}): PostmortemModel {
  return {
    uri: 'file:///w/postmortems/2024-05-01-checkout.md',
    version: 1,
    isPostmortem: true,
    metadata: makeMetadata(),
    sections: makeSections(),
    timeline: [],
    actionItems: [],
    impact: { quantified: true, figures: [loc('42 min', 13, 10, 16, 'inline')] },
    metrics: [],
    lineCount: 60,
    ...partial,
  };
}

export function ctx(model: PostmortemModel, text = '', settings: Partial<PostmortemSettings> = {}, now = new Date('2024-05-10T00:00:00Z')): RuleContext {
  return { model, text, settings: { ...DEFAULT_SETTINGS, ...settings }, now };
}

/** Runs one rule through computeFindings (so severities from settings apply) and returns its findings. */
export function runRule(rule: Rule, model: PostmortemModel, text = '', settings: Partial<PostmortemSettings> = {}, now = new Date('2024-05-10T00:00:00Z')): Finding[] {
  return computeFindings(model, text, { ...DEFAULT_SETTINGS, ...settings }, SchemaValidator.builtIn(nullLogger), now, { rules: [rule] }).filter((f) => f.code === rule.code);
}

/** Checks that `postmortem.rules` changes the rule's severity and that `ignore` drops it. */
export function checkSeverityOverride(rule: Rule, model: PostmortemModel, text = ''): void {
  const base = runRule(rule, model, text);
  if (!base.length || !base.every((f) => f.severity === rule.defaultSeverity)) throw new Error(`${rule.code}: expected findings at the default severity`);
  const other = rule.defaultSeverity === 'error' ? 'hint' : 'error';
  const changed = runRule(rule, model, text, { rules: { [rule.code]: other } });
  if (changed.length !== base.length || !changed.every((f) => f.severity === other)) throw new Error(`${rule.code}: severity override not applied`);
  if (runRule(rule, model, text, { rules: { [rule.code]: 'ignore' } }).length) throw new Error(`${rule.code}: ignore did not drop it`);
}
