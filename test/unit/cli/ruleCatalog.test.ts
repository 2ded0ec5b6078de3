/**
 * SARIF's rules come from the service's one list of codes: every code gets a rule with its own description, from
 * the rule that reports it or from the descriptions beside the list (codes.ts), and no code is described twice.
 */
import assert from 'node:assert/strict';
import { CODES, NON_RULE_CODES, type Code } from '../../../server/src/service/codes';
import { rules } from '../../../server/src/service/rules/index';
import { toSarif } from '../../../cli/format/sarif';
import type { CheckReport } from '../../../cli/check/report';
import { githubErrors, schemaErrors } from './sarifRules';

describe('cli: SARIF rules from the one list of codes', () => {
  it('each code is described exactly once: by its rule or beside the list of codes', () => {
    const described = [...rules.map((r) => r.code), ...Object.keys(NON_RULE_CODES)];
    assert.deepEqual([...described].sort(), [...CODES].sort());
    assert.equal(new Set(described).size, described.length, 'a code is described twice');
  });

  it('every code in CODES has a SARIF rule with non-empty descriptions and help', () => {
    const zero = { line: 0, character: 0 };
    const finding = (code: Code) => ({ code, severity: 'warning' as const, message: `a ${code} finding`, range: { start: zero, end: zero } });
    const report: CheckReport = {
      files: [{ file: '/r/postmortems/a.md', display: 'postmortems/a.md', repoPath: 'postmortems/a.md', findings: CODES.map(finding), fixable: 0, lineHashes: { 1: '5b2a1c3d4e5f6a7b:1' } }],
      problems: [],
      notPostmortems: 0,
    };
    const log = toSarif(report, '0.0.0');
    const driverRules = log.runs[0]!.tool.driver.rules ?? [];
    assert.deepEqual(driverRules.map((r) => r.id).sort(), [...CODES].sort());
    for (const rule of driverRules) {
      for (const text of [rule.shortDescription?.text, rule.fullDescription?.text, rule.help?.text, rule.help?.markdown]) {
        assert.ok(text && text.trim() && !text.includes('undefined'), `${rule.id}: empty or missing description (${text})`);
      }
      assert.ok(rule.defaultConfiguration?.level, `${rule.id}: no default level`);
    }
    assert.deepEqual(schemaErrors(log), []);
    assert.deepEqual(githubErrors(log), []);
  });
});
