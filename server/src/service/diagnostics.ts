/**
 * All findings for a postmortem: frontmatter errors, a broken custom schema, JSON Schema findings and rule
 * findings, with the severities of `postmortem.rules` applied (`ignore` drops a code). A rule that throws is
 * logged and skipped; the others still run.
 */
import type { KeyTimeName, PostmortemModel, Range } from '../../../common/model';
import type { PostmortemSettings, RuleSeverity } from '../../../common/settings';
import type { Finding, FindingSeverity, Logger, Reported, Rule, RuleContext } from './types';
import { nullLogger } from './types';
import type { SchemaValidator } from './schema';
import { rules as allRules } from './rules/index';
import { LINE0 } from './model/ranges';

export interface ComputeFindingsOptions {
  logger?: Logger;
  /** Where the active schema was named (the `$schema` frontmatter value); `schema-invalid` goes there. */
  schemaOrigin?: Range;
  /** The rules to run (default: all). */
  rules?: Rule[];
}

const SEVERITIES: readonly RuleSeverity[] = ['ignore', 'hint', 'information', 'warning', 'error'];

function configured(settings: PostmortemSettings, code: string): RuleSeverity | undefined {
  const s = settings.rules?.[code];
  return s && SEVERITIES.includes(s) ? s : undefined;
}

function compare(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

export function computeFindings(
  model: PostmortemModel,
  configuredSettings: PostmortemSettings,
  validator: SchemaValidator,
  now: Date = new Date(),
  options: ComputeFindingsOptions = {},
): Finding[] {
  if (!model.isPostmortem) return [];
  const schema = validator.info();
  // Strict checking is the setting's or the team schema's choice (`x-strict: true`).
  const settings = schema.strict && !configuredSettings.strict ? { ...configuredSettings, strict: true } : configuredSettings;
  const logger = options.logger ?? nullLogger;
  const out: Finding[] = [];
  const add = (f: Reported, defaultSeverity: FindingSeverity): void => {
    const s = configured(settings, f.code) ?? defaultSeverity;
    if (s === 'ignore') return;
    out.push({ ...f, severity: s } as Finding);
  };

  const fmError = model.metadata.frontmatter?.error;
  if (fmError) {
    add({ code: 'frontmatter-invalid', range: fmError.range, data: {}, message: `The frontmatter cannot be read: ${fmError.message}` }, 'error');
  }
  if (validator.error) {
    add({ code: 'schema-invalid', range: options.schemaOrigin ?? LINE0, data: {}, message: validator.error }, 'error');
  }

  try {
    const found = validator.validate(model);
    for (const f of settings.strict ? found : mergedSchemaFindings(model, found)) add(f, f.severity);
  } catch (e) {
    logger.error('postmortem: schema validation failed', e);
  }

  const context: RuleContext = { model, settings, schema, now };
  for (const rule of options.rules ?? allRules) {
    if (configured(settings, rule.code) === 'ignore') continue;
    const severity = settings.strict && rule.strictSeverity ? rule.strictSeverity : rule.defaultSeverity;
    try {
      for (const f of rule.check(context)) add(f, severity);
    } catch (e) {
      logger.error(`postmortem: rule ${rule.code} failed and was skipped`, e);
    }
  }
  return withoutRedundant(out).sort(compare);
}

/**
 * Quiet by default: a key time written as a day only is a note, not a warning; the missing sections are one finding ("Missing sections: Impact, Contributing factors") and so are
 * the missing metadata keys, at the first one's place; its data lists the others (`also`) so each still has its fix.
 */
function mergedSchemaFindings(model: PostmortemModel, all: Finding[]): Finding[] {
  const findings = all.map((f) => (f.code === 'invalid-value' && isDateOnlyKeyTime(model, f.data.pointer) ? { ...f, severity: 'information' as const } : f));
  const sections = findings.filter((f): f is Finding<'missing-section'> => f.code === 'missing-section');
  const keys = findings.filter((f): f is Finding<'missing-metadata'> => f.code === 'missing-metadata');
  const rest = findings.filter((f) => f.code !== 'missing-section' && f.code !== 'missing-metadata');
  const merged: Finding[] = [];
  if (sections.length > 1) {
    const [first, ...others] = sections;
    merged.push({ ...first!, data: { kind: first!.data.kind, also: others.map((o) => o.data.kind) },
      message: `Missing sections: ${sections.map(labelOf).join(', ')}. ${first!.message.replace(/^Missing section: [^—]*— ?/, '').replace(/^./, (c) => c.toUpperCase())} (and the others' in their skeletons).` });
  } else merged.push(...sections);
  if (keys.length > 1) {
    const [first, ...others] = keys;
    merged.push({ ...first!, data: { ...first!.data, also: others.map((o) => o.data) },
      message: `Missing metadata: ${keys.map(labelOf).join(', ')}. Add them to the frontmatter or as **Key:** lines under the title.` });
  } else merged.push(...keys);
  return [...merged, ...rest];
}

/** `started: Wednesday, 2018-08-22`: a day without a time is worth a note, not a warning (the day is right). */
function isDateOnlyKeyTime(model: PostmortemModel, pointer: string): boolean {
  const name = /^\/metadata\/(started|detected|acknowledged|mitigated|resolved)$/.exec(pointer)?.[1] as KeyTimeName | undefined;
  const raw = name ? model.metadata.times[name]?.raw : undefined;
  return !!raw && !/\d:\d\d/.test(raw) && /\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(raw);
}

/** "Missing section: Impact — say …" -> "Impact". */
function labelOf(f: Finding): string {
  return /^Missing (?:section|metadata): ([^—(]*?)\s*(?:—|\(|$)/.exec(f.message)?.[1] ?? ('kind' in f.data ? String(f.data.kind) : '');
}

/**
 * Drops a finding that only repeats another: with no Impact section at all, "Missing section: Impact" already says
 * what `impact-not-quantified` would (when the schema does not require the section, the rule's finding stays).
 */
function withoutRedundant(findings: Finding[]): Finding[] {
  // An empty Impact section is reported by `empty-section` with the same advice.
  const impactMissing = findings.some((f) => (f.code === 'missing-section' && (f.data.kind === 'impact' || f.data.also?.includes('impact')))
    || (f.code === 'empty-section' && f.data.kind === 'impact'));
  if (!impactMissing) return findings;
  return findings.filter((f) => f.code !== 'impact-not-quantified');
}
