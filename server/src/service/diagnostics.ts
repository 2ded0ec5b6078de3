/**
 * All findings for a postmortem: frontmatter errors, a broken custom schema, JSON Schema findings and rule
 * findings, with the severities of `postmortem.rules` applied (`ignore` drops a code). A rule that throws is
 * logged and skipped; the others still run.
 */
import type { PostmortemModel, Range } from '../../../common/model';
import type { PostmortemSettings, RuleSeverity } from '../../../common/settings';
import type { Finding, FindingSeverity, Logger, Rule } from './types';
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
  text: string,
  settings: PostmortemSettings,
  validator: SchemaValidator,
  now: Date = new Date(),
  options: ComputeFindingsOptions = {},
): Finding[] {
  if (!model.isPostmortem) return [];
  const logger = options.logger ?? nullLogger;
  const out: Finding[] = [];
  const add = (f: Omit<Finding, 'severity'>, defaultSeverity: FindingSeverity): void => {
    const s = configured(settings, f.code) ?? defaultSeverity;
    if (s === 'ignore') return;
    out.push({ ...f, data: f.data ?? {}, severity: s });
  };

  const fmError = model.metadata.frontmatter?.error;
  if (fmError) {
    add({ code: 'frontmatter-invalid', range: fmError.range, data: {}, message: `The frontmatter cannot be read: ${fmError.message}` }, 'error');
  }
  if (validator.error) {
    add({ code: 'schema-invalid', range: options.schemaOrigin ?? LINE0, data: {}, message: validator.error }, 'error');
  }

  try {
    for (const f of validator.validate(model)) add(f, f.severity);
  } catch (e) {
    logger.error('postmortem: schema validation failed', e);
  }

  const context = { model, text, settings, now };
  for (const rule of options.rules ?? allRules) {
    if (configured(settings, rule.code) === 'ignore') continue;
    try {
      for (const f of rule.check(context)) add({ ...f, code: f.code || rule.code }, rule.defaultSeverity);
    } catch (e) {
      logger.error(`postmortem: rule ${rule.code} failed and was skipped`, e);
    }
  }
  return withoutRedundant(out).sort(compare);
}

/**
 * Drops a finding that only repeats another: with no Impact section at all, "Missing section: Impact" already says
 * what `impact-not-quantified` would (when the schema does not require the section, the rule's finding stays).
 */
function withoutRedundant(findings: Finding[]): Finding[] {
  // An empty Impact section is reported by `empty-section` with the same advice.
  const impactMissing = findings.some((f) => (f.code === 'missing-section' || f.code === 'empty-section') && f.data?.kind === 'impact');
  if (!impactMissing) return findings;
  return findings.filter((f) => f.code !== 'impact-not-quantified');
}
