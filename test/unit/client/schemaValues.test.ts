import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FALLBACK_SEVERITIES, severitiesFromSchema } from '../../../client/src/schemaValues';

describe('client severitiesFromSchema', () => {
  it('reads an enum with descriptions', () => {
    const schema = { properties: { severity: { enum: ['SEV1', 'SEV2'], 'x-enumDescriptions': ['Critical', 'Major'] } } };
    assert.deepEqual(severitiesFromSchema(schema), [{ value: 'SEV1', description: 'Critical' }, { value: 'SEV2', description: 'Major' }]);
  });
  it('follows $ref and oneOf/const, nested under metadata', () => {
    const schema = {
      properties: { metadata: { properties: { severity: { $ref: '#/$defs/sev' } } } },
      $defs: { sev: { oneOf: [{ const: 'P1', description: 'Page now' }, { const: 'P2', title: 'Soon' }] } },
    };
    assert.deepEqual(severitiesFromSchema(schema), [{ value: 'P1', description: 'Page now' }, { value: 'P2', description: 'Soon' }]);
  });
  it('falls back when the schema names none', () => {
    assert.deepEqual(severitiesFromSchema({}).map((s) => s.value), FALLBACK_SEVERITIES);
    assert.deepEqual(severitiesFromSchema(undefined).map((s) => s.value), FALLBACK_SEVERITIES);
  });
  it('finds severities in the built-in schema', function () {
    const file = path.resolve(__dirname, '../../../schemas/postmortem.schema.json');
    assert.ok(existsSync(file), `${file} is missing`);
    const values = severitiesFromSchema(JSON.parse(readFileSync(file, 'utf8'))).map((s) => s.value);
    assert.deepEqual(values, ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5']);
  });
});
