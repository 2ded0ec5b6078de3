/**
 * What each diagnostic code means, for SARIF's `tool.driver.rules` and `--format json`: the rules' own
 * descriptions (the one list in the service) plus the codes the schema check, the façade and the CLI report.
 * A code not known here still gets a rule (its id is the code, stable), with a generic description.
 */
import { rules } from '../../server/src/service/rules/index';
import type { FindingSeverity } from '../../server/src/service/types';

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: FindingSeverity;
}

/** Where the codes are documented (the README's rules table has an anchor per code). */
export const RULES_HELP_URL = 'https://github.com/postmortem-tools/postmortem/blob/main/README.md';

const OTHER_CODES: RuleInfo[] = [
  { id: 'missing-section', defaultSeverity: 'warning', description: 'A section the schema requires is missing.' },
  { id: 'missing-metadata', defaultSeverity: 'warning', description: 'A metadata field the schema requires is missing.' },
  { id: 'invalid-value', defaultSeverity: 'warning', description: 'A value the schema does not allow (an unknown severity or status, a malformed date).' },
  { id: 'schema', defaultSeverity: 'warning', description: 'A violation of the postmortem JSON Schema.' },
  { id: 'schema-invalid', defaultSeverity: 'error', description: 'The team schema is missing, not JSON or not a valid JSON Schema; the built-in one is used meanwhile.' },
  { id: 'frontmatter-invalid', defaultSeverity: 'error', description: 'The YAML/TOML frontmatter cannot be read.' },
  { id: 'document-too-large', defaultSeverity: 'information', description: 'The document is too large to analyse.' },
  { id: 'analysis-timeout', defaultSeverity: 'error', description: 'The analysis of the document took longer than its time budget and was stopped.' },
  { id: 'analysis-failed', defaultSeverity: 'error', description: 'The analysis of the document failed.' },
];

let catalog: Map<string, RuleInfo> | undefined;

export function ruleInfo(code: string): RuleInfo {
  catalog ??= new Map([
    ...OTHER_CODES.map((r) => [r.id, r] as const),
    ...rules.map((r) => [r.code, { id: r.code, description: r.description, defaultSeverity: r.defaultSeverity }] as const),
  ]);
  return catalog.get(code) ?? { id: code, description: `Postmortem check '${code}'.`, defaultSeverity: 'warning' };
}
