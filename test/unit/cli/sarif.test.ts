import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { lineHashes } from '../../../cli/format/fingerprint';
import { cli, postmortem, tempWorkspace, write } from './harness';
import { githubErrors, schemaErrors } from './sarifRules';

describe('cli: --format sarif', () => {
  const dir = tempWorkspace();
  fs.mkdirSync(path.join(dir, '.git'));
  write(dir, 'postmortems/with space & ü.md', postmortem({ resolvedBeforeStarted: true }));
  write(dir, 'postmortems/empty.md', '');
  let log: Log;
  let code: number;

  before(async () => {
    const r = await cli(path.join(dir, 'postmortems'), ['check', '--format', 'sarif']);
    log = JSON.parse(r.stdout) as Log;
    code = r.code;
  });

  it('is valid against the OASIS SARIF 2.1.0 schema', () => {
    assert.deepEqual(schemaErrors(log), []);
    assert.equal(code, 1);
  });

  it('the validator does reject a broken log (so the check above can fail)', () => {
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    assert.ok(schemaErrors(broken).length >= 2);
    broken.runs[0].results[0].locations = Array.from({ length: 11 }, () => log.runs[0]!.results![0]!.locations![0]);
    assert.ok(githubErrors(broken).some((e) => e.includes('more than 10 locations')));
  });

  it('follows GitHub code scanning\'s rules', () => {
    assert.deepEqual(githubErrors(log), []);
  });

  it('has a driver with name, version, informationUri and one rule per code', () => {
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    assert.equal(driver.name, 'postmortem');
    assert.ok(driver.version);
    assert.match(driver.informationUri!, /^https:\/\//);
    const codes = [...new Set(run.results!.map((r) => r.ruleId))].sort();
    assert.deepEqual(driver.rules!.map((r) => r.id), codes);
    for (const rule of driver.rules!) {
      assert.ok(rule.help?.markdown?.includes(rule.id));
      assert.match(rule.defaultConfiguration!.level!, /^(error|warning|note)$/);
    }
  });

  it('locates results relative to the repository root, percent-encoded, with full regions', () => {
    const result = log.runs[0]!.results!.find((r) => r.ruleId === 'resolved-before-started')!;
    const location = result.locations![0]!.physicalLocation!;
    assert.equal(location.artifactLocation!.uri, 'postmortems/with%20space%20%26%20%C3%BC.md');
    assert.deepEqual(location.region, { startLine: 10, startColumn: 11, endLine: 10, endColumn: 31 });
    assert.equal(result.level, 'error');
  });

  it('fingerprints each result as the upload action would: the hash of its start line', () => {
    const texts = new Map<string, string[]>();
    for (const result of log.runs[0]!.results!) {
      const location = result.locations![0]!.physicalLocation!;
      const file = path.join(dir, decodeURIComponent(location.artifactLocation!.uri!));
      if (!texts.has(file)) texts.set(file, lineHashes(fs.readFileSync(file, 'utf8')));
      assert.equal(result.partialFingerprints!['primaryLocationLineHash'], texts.get(file)![location.region!.startLine! - 1]);
    }
  });

  it('reports input problems as tool execution notifications', () => {
    const invocation = log.runs[0]!.invocations![0]!;
    assert.equal(invocation.executionSuccessful, true);
    const notifications = invocation.toolExecutionNotifications!;
    assert.deepEqual(notifications.map((n) => [n.level, n.message.text]), [['note', 'empty.md: empty file; nothing to check']]);
    assert.equal(notifications[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'postmortems/empty.md');
  });

  it('keeps rule ids stable across runs and documents', async () => {
    const again = JSON.parse((await cli(dir, ['check', '--format', 'sarif', 'postmortems/client-webhooks.md'])).stdout) as Log;
    const ids = new Map(log.runs[0]!.tool.driver.rules!.map((r) => [r.id, r.shortDescription!.text]));
    for (const rule of again.runs[0]!.tool.driver.rules!) if (ids.has(rule.id)) assert.equal(rule.shortDescription!.text, ids.get(rule.id));
    assert.deepEqual(schemaErrors(again), []);
  });
});
