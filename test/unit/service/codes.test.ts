import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES } from '../../../server/src/service/codes';
import { rules } from '../../../server/src/service/rules/index';
import { SCHEMA_SEVERITIES } from '../../../server/src/service/schema';

describe('diagnostic codes: one typed list', () => {
  it('holds every rule code and every schema code', () => {
    for (const code of [...rules.map((r) => r.code), ...Object.keys(SCHEMA_SEVERITIES)]) assert.ok((CODES as readonly string[]).includes(code), code);
  });
  it('each code has its row in the README rules table (the Problems panel links to it)', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    for (const code of CODES) assert.ok(readme.includes(`<a id="${code}"></a>\`${code}\``), code);
  });
});
