/**
 * Reading the `postmortem` configuration section into PostmortemSettings.
 *
 * VS Code answers `workspace/configuration` for section `postmortem` with nested objects for dotted
 * keys (`metrics.base` arrives as `{ metrics: { base } }`); other clients may send them flat.
 * Every value is checked: a wrong type falls back to the default, so a typo in settings.json never
 * reaches the rules.
 */
import { DEFAULT_SETTINGS, TIME_BUDGET_BOUNDS, type PostmortemSettings, type RuleSeverity } from '../../common/settings';

const SEVERITIES: readonly RuleSeverity[] = ['ignore', 'hint', 'information', 'warning', 'error'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `raw[a][b]` or `raw['a.b']`. */
function pick(raw: Record<string, unknown>, dotted: string): unknown {
  if (dotted in raw) return raw[dotted];
  let cur: unknown = raw;
  for (const part of dotted.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function stringList(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback;
}

/** Maps a raw `postmortem` section (any shape) to settings merged over DEFAULT_SETTINGS. */
export function toSettings(raw: unknown, trusted: boolean): PostmortemSettings {
  const s: PostmortemSettings = { ...DEFAULT_SETTINGS, rules: {}, actionItemTargetDays: { ...DEFAULT_SETTINGS.actionItemTargetDays }, trusted };
  if (!isRecord(raw)) return s;
  s.files = stringList(pick(raw, 'files'), DEFAULT_SETTINGS.files);
  const schema = pick(raw, 'schema');
  if (typeof schema === 'string') s.schema = schema;
  const rules = pick(raw, 'rules');
  if (isRecord(rules)) {
    for (const [code, sev] of Object.entries(rules)) {
      if (typeof sev === 'string' && (SEVERITIES as string[]).includes(sev)) s.rules[code] = sev as RuleSeverity;
    }
  }
  const base = pick(raw, 'metrics.base') ?? pick(raw, 'metricsBase');
  if (base === 'started' || base === 'detected') s.metricsBase = base;
  const days = pick(raw, 'actionItems.targetDays') ?? pick(raw, 'actionItemTargetDays');
  if (isRecord(days)) {
    const out: Record<string, number> = {};
    for (const [sev, n] of Object.entries(days)) if (typeof n === 'number' && Number.isFinite(n) && n > 0) out[sev] = n;
    s.actionItemTargetDays = out;
  }
  const zone = pick(raw, 'defaultTimezone');
  if (typeof zone === 'string' && zone.trim()) s.defaultTimezone = zone.trim();
  s.blameTerms = stringList(pick(raw, 'blameTerms'), DEFAULT_SETTINGS.blameTerms);
  const budget = pick(raw, 'analysis.timeBudgetMs') ?? pick(raw, 'analysisTimeBudgetMs');
  if (typeof budget === 'number' && Number.isFinite(budget)) {
    s.analysisTimeBudgetMs = Math.min(TIME_BUDGET_BOUNDS.max, Math.max(TIME_BUDGET_BOUNDS.min, Math.round(budget)));
  }
  const strict = pick(raw, 'strict');
  if (typeof strict === 'boolean') s.strict = strict;
  return s;
}
