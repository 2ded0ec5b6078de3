/**
 * GitHub's official OpenAPI description (@octokit/openapi, api.github.com.json) as a checker for the local
 * GitHub server: each request's query and body and each response's body are validated with ajv against the
 * operation's own schemas. OpenAPI 3.0 schemas become JSON Schema on the way (`nullable` -> a `null` type,
 * component `$ref`s -> local definitions); nothing is hand-written.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;
const SPEC_FILE = path.resolve(__dirname, '../../../node_modules/@octokit/openapi/generated/api.github.com.json');

let spec: Json | undefined;
function load(): Json {
  spec ??= JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8')) as Json;
  return spec;
}

function resolve(node: Json): Json {
  let n = node;
  for (let i = 0; i < 10 && n && typeof n.$ref === 'string'; i++) {
    n = n.$ref.slice(2).split('/').reduce((o: Json, k: string) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], load());
  }
  return n;
}

/** OpenAPI 3.0 schema -> JSON Schema (draft 7) with the components it needs under `definitions`. */
function toJsonSchema(root: Json): Json {
  const definitions: Json = {};
  const convert = (s: any): any => {
    if (Array.isArray(s)) return s.map(convert);
    if (!s || typeof s !== 'object') return s;
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '');
      if (!(name in definitions)) {
        definitions[name] = true;
        definitions[name] = convert(resolve(s));
      }
      return { $ref: `#/definitions/${name}` };
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'example' || k === 'examples' || k.startsWith('x-') || k === 'nullable' || k === 'discriminator') continue;
      out[k] = k === 'properties' || k === 'patternProperties' ? Object.fromEntries(Object.entries(v as Json).map(([p, ps]) => [p, convert(ps)])) : convert(v);
    }
    if (s.nullable === true) {
      if (typeof out.type === 'string') {
        out.type = [out.type, 'null'];
        if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
        return out;
      }
      return { anyOf: [out, { type: 'null' }] };
    }
    return out;
  };
  const schema = convert(root);
  return { ...schema, definitions };
}

export interface Operation {
  id: string;
  validateQuery(query: URLSearchParams): string[];
  validateBody(body: unknown): string[];
  validateResponse(status: number, body: unknown): string[];
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const compiled = new Map<object, ValidateFunction>();
function check(schema: Json, value: unknown, what: string): string[] {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(toJsonSchema(schema));
    compiled.set(schema, v);
  }
  return v(value) ? [] : (v.errors ?? []).slice(0, 5).map((e) => `${what}${e.instancePath} ${e.message}`);
}

/** The operation for `method` on a path template such as `/repos/{owner}/{repo}/issues`. */
export function operation(method: string, template: string): Operation {
  const op = load().paths[template]?.[method.toLowerCase()] as Json | undefined;
  if (!op) throw new Error(`GitHub's OpenAPI description has no ${method} ${template}`);
  const params = [...(op.parameters ?? [])].map(resolve).filter((p) => p.in === 'query');
  return {
    id: op.operationId,
    validateQuery(query) {
      const errors: string[] = [];
      for (const key of query.keys()) if (!params.some((p) => p.name === key)) errors.push(`query: unknown parameter ${key}`);
      for (const p of params) {
        const raw = query.get(p.name);
        if (raw === null) continue;
        const value = p.schema?.type === 'integer' || p.schema?.type === 'number' ? Number(raw) : raw;
        errors.push(...check(p.schema, value, `query ${p.name}`));
      }
      return errors;
    },
    validateBody(body) {
      const schema = op.requestBody ? resolve(op.requestBody).content?.['application/json']?.schema : undefined;
      return schema ? check(schema, body, 'request body') : [];
    },
    validateResponse(status, body) {
      const declared = op.responses?.[String(status)];
      if (!declared) return [`response: ${op.operationId} does not declare status ${status}`];
      const schema = resolve(declared).content?.['application/json']?.schema;
      return schema ? check(schema, body, `response ${status}`) : [];
    },
  };
}
