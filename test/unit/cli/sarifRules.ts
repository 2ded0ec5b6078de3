/**
 * Checks a SARIF log against the OASIS SARIF 2.1.0 JSON Schema (the test fixture, draft-04, with ajv-draft-04) and
 * against what GitHub code scanning demands beyond the schema. Shared by the unit and the end-to-end suites.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';

const SCHEMA = path.resolve(__dirname, '../../fixtures/sarif/sarif-schema-2.1.0.json');
let validator: ReturnType<Ajv['compile']> | undefined;

/** Schema violations, as "instancePath message" lines; empty when valid. */
export function schemaErrors(log: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** GitHub's own rules for uploaded SARIF (docs: "SARIF support for code scanning"); violations as lines. */
export function githubErrors(log: Log): string[] {
  const errors: string[] = [];
  const nonEmpty = (value: unknown, where: string) => {
    if (typeof value !== 'string' || value.trim() === '') errors.push(`${where} is empty`);
  };
  if (log.version !== '2.1.0') errors.push('version is not 2.1.0');
  if (log.runs.length > 20) errors.push('more than 20 runs');
  for (const [r, run] of log.runs.entries()) {
    const driver = run.tool.driver;
    nonEmpty(driver.name, `runs[${r}].tool.driver.name`);
    const rules = driver.rules ?? [];
    if (rules.length > 25_000) errors.push('more than 25,000 rules');
    const ids = new Set<string>();
    for (const [i, rule] of rules.entries()) {
      nonEmpty(rule.id, `rules[${i}].id`);
      if (ids.has(rule.id)) errors.push(`rule id ${rule.id} is not unique`);
      ids.add(rule.id);
      nonEmpty(rule.shortDescription?.text, `rules[${i}].shortDescription.text`);
      nonEmpty(rule.fullDescription?.text, `rules[${i}].fullDescription.text`);
      nonEmpty(rule.help?.text, `rules[${i}].help.text`);
    }
    const results = run.results ?? [];
    if (results.length > 25_000) errors.push('more than 25,000 results');
    for (const [i, result] of results.entries()) {
      nonEmpty(result.ruleId, `results[${i}].ruleId`);
      if (result.ruleId && !ids.has(result.ruleId)) errors.push(`results[${i}].ruleId ${result.ruleId} has no rule`);
      if (result.ruleIndex !== undefined && rules[result.ruleIndex]?.id !== result.ruleId) errors.push(`results[${i}].ruleIndex does not point at its rule`);
      nonEmpty(result.message.text, `results[${i}].message.text`);
      const locations = result.locations ?? [];
      if (locations.length === 0) errors.push(`results[${i}] has no location`);
      if (locations.length > 10) errors.push(`results[${i}] has more than 10 locations`);
      for (const [j, location] of locations.entries()) {
        const physical = location.physicalLocation;
        nonEmpty(physical?.artifactLocation?.uri, `results[${i}].locations[${j}].physicalLocation.artifactLocation.uri`);
        const uri = physical?.artifactLocation?.uri ?? '';
        if (/^[a-z]+:|^\//i.test(uri)) errors.push(`results[${i}] uri ${uri} is not relative to the repository`);
        const region = physical?.region;
        if (!region?.startLine || !region.startColumn || !region.endLine || !region.endColumn) errors.push(`results[${i}] region is not full`);
        else if (region.endLine < region.startLine || (region.endLine === region.startLine && region.endColumn < region.startColumn)) errors.push(`results[${i}] region ends before it starts`);
      }
      nonEmpty(result.partialFingerprints?.['primaryLocationLineHash'], `results[${i}].partialFingerprints.primaryLocationLineHash`);
      if ((result.relatedLocations?.length ?? 0) > 1000) errors.push(`results[${i}] has more than 1000 related locations`);
    }
  }
  return errors;
}
