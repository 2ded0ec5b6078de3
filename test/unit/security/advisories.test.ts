/**
 * The registry's audit endpoint does not answer in this project's build environment, so the known advisories
 * against runtime dependencies are kept in security/advisories.json and checked here against what is installed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Advisory {
  package: string;
  id: string;
  fixed: string;
  summary: string;
}

/** Compares `major.minor.patch` (a pre-release tag counts as below its release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.trim().replace(/^v/, '').split('-', 2) as [string, string | undefined];
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre && !y.pre) return -1;
  if (!x.pre && y.pre) return 1;
  return 0;
}

const table = JSON.parse(fs.readFileSync(path.join(ROOT, 'security', 'advisories.json'), 'utf8')) as { advisories: Advisory[] };
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

function installedVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

describe('security advisories', () => {
  it('compares versions', () => {
    assert.equal(compareVersions('1.7.0', '1.7.1'), -1);
    assert.equal(compareVersions('1.10.0', '1.9.9'), 1);
    assert.equal(compareVersions('2.8.3', '2.8.3'), 0);
    assert.equal(compareVersions('8.18.0-beta.1', '8.18.0'), -1);
  });

  it('lists the advisories named in issue 10, each with an id and a fixed version', () => {
    const ids = table.advisories.map((a) => a.id);
    for (const id of ['GHSA-7w5x-hrqm-74c2', 'GHSA-v3rj-xjv7-4jmq', 'GHSA-c2c7-rcm5-vvqj', 'CVE-2026-33532', 'CVE-2025-69873']) assert.ok(ids.includes(id), id);
    for (const a of table.advisories) assert.match(a.fixed, /^\d+\.\d+\.\d+$/, `${a.id} fixed version`);
  });

  for (const advisory of table.advisories) {
    it(`${advisory.package} is at or above ${advisory.fixed} (${advisory.id})`, () => {
      assert.ok(pkg.dependencies[advisory.package], `${advisory.package} is a runtime dependency`);
      const installed = installedVersion(advisory.package);
      assert.ok(compareVersions(installed, advisory.fixed) >= 0, `${advisory.package} ${installed} is affected by ${advisory.id} (${advisory.summary}); upgrade to ${advisory.fixed} or later`);
      const pinned = pkg.dependencies[advisory.package]!.replace(/^[\^~=]/, '');
      assert.ok(compareVersions(pinned, advisory.fixed) >= 0, `package.json pins ${advisory.package} ${pinned}, below ${advisory.fixed} (${advisory.id})`);
    });
  }
});
