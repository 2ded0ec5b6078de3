/**
 * What each diagnostic code means, for SARIF's `tool.driver.rules`: from the service's one list of codes (codes.ts),
 * each rule's own description (rules/) and, for the codes no rule reports, the descriptions beside that list.
 */
import { NON_RULE_CODES, type Code, type CodeDescription } from '../../server/src/service/codes';
import { rules } from '../../server/src/service/rules/index';

export interface RuleInfo extends CodeDescription {
  id: Code;
}

/** Where the codes are documented (the README's rules table has an anchor per code). */
export const RULES_HELP_URL = 'https://github.com/postmortem-tools/postmortem/blob/main/README.md';

let catalog: Map<Code, RuleInfo> | undefined;

export function ruleInfo(code: Code): RuleInfo {
  catalog ??= new Map<Code, RuleInfo>([
    ...Object.entries(NON_RULE_CODES).map(([id, d]) => [id as Code, { id: id as Code, ...d }] as const),
    ...rules.map((r) => [r.code, { id: r.code, description: r.description, defaultSeverity: r.defaultSeverity }] as const),
  ]);
  // Every code is in one of the two lists (a unit test checks it).
  return catalog.get(code)!;
}
