/**
 * JSON Schema validation of the model's validation view (validationView.ts) with ajv.
 *
 * - Schemas are compiled once per schema text (module-level cache).
 * - `fromText` never throws: a schema that is too large, not JSON, not a valid schema, or has a `$ref`
 *   that cannot be resolved sets `.error` and the validator falls back to the built-in schema.
 * - Nothing is fetched: ajv only resolves `$ref`s within the schema and to the built-in schema's `$id`
 *   (so a team schema can extend it with `allOf: [{ "$ref": BUILTIN_SCHEMA_ID }]`).
 * - Every ajv error becomes a Finding at the range of the thing it is about (pointer map), with a
 *   message a person understands.
 */
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { RE2JS } from 're2js';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';
import draft7 from 'ajv/dist/refs/json-schema-draft-07.json';
import builtInSchemaJson from '../../../schemas/postmortem.schema.json';
import type { PostmortemModel, SectionKind } from '../../../common/model';
import { SECTION_ORDER } from '../../../common/model';
import type { Finding, FindingSeverity, Logger, Reported, SchemaInfo } from './types';
import { ACTION_ITEM_FIELDS, NON_RULE_CODES } from './codes';
import { buildValidationView, synonymKey, escapePointer, locate, unescapePointer, type PointerInfo, type Pointers } from './validationView';

export const BUILTIN_SCHEMA_ORIGIN = 'schemas/postmortem.schema.json';
export const BUILTIN_SCHEMA: AnySchemaObject = builtInSchemaJson as AnySchemaObject;
export const BUILTIN_SCHEMA_ID: string = BUILTIN_SCHEMA.$id as string;
/** Larger schema texts are refused (characters). */
export const MAX_SCHEMA_SIZE = 1024 * 1024;

/** Default severities of the schema's finding codes (settings.rules can override them), from codes.ts. */
export const SCHEMA_SEVERITIES: Record<string, FindingSeverity> = Object.fromEntries(
  (['missing-section', 'missing-metadata', 'invalid-value', 'schema'] as const).map((code) => [code, NON_RULE_CODES[code].defaultSeverity]),
);

/** A schema `pattern` that RE2 cannot run (back-references, look-around): the schema is refused, saying which. */
class RegExpUnsupported extends Error {}

/**
 * ajv's regular-expression engine: RE2 (re2js), linear in the input whatever the pattern, so a team schema's
 * `pattern` such as `^((a+))+$` cannot hang the worker on a long title. RE2 lacks back-references and look-around;
 * a schema using them is refused with a message that names the pattern.
 */
const linearRegExp = Object.assign(
  (pattern: string, flags: string): { test: (s: string) => boolean } => {
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(pattern, flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
    } catch (e) {
      throw new RegExpUnsupported(`has a pattern the linear-time engine cannot run (${pattern}): ${e instanceof Error ? e.message : String(e)}. Back-references and look-around are not supported`);
    }
    return { test: (input: string) => compiled.matcher(input).find() };
  },
  { code: 're2js' },
);

interface Compiled {
  validate: ValidateFunction;
  schema: AnySchemaObject;
}

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 16;
let builtInCompiled: Compiled | undefined;

function compile(schema: AnySchemaObject, logger: Logger): Compiled {
  const draft = String(schema.$schema ?? '');
  const options = {
    code: { regExp: linearRegExp },
    allErrors: true,
    strict: false,
    verbose: true,
    logger: { log() {}, warn: (...m: unknown[]) => logger.warn(`schema: ${m.join(' ')}`), error: (...m: unknown[]) => logger.warn(`schema: ${m.join(' ')}`) },
  };
  const ajv = draft.includes('2020-12') ? new Ajv2020(options) : draft.includes('2019-09') ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv);
  if (!(ajv instanceof Ajv)) ajv.addMetaSchema(draft7);
  ajv.addMetaSchema(draft6);
  if (schema !== BUILTIN_SCHEMA && schema.$id !== BUILTIN_SCHEMA_ID) ajv.addSchema(BUILTIN_SCHEMA);
  return { validate: ajv.compile(schema), schema };
}

function compiledBuiltIn(logger: Logger): Compiled {
  builtInCompiled ??= compile(BUILTIN_SCHEMA, logger);
  return builtInCompiled;
}

/** "Unexpected token ... at position 12" -> " (line 1, column 13)". */
function jsonPosition(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m || /\bline \d+/.test(message)) return '';
  const offset = Number(m[1]);
  const before = text.slice(0, offset).split('\n');
  return ` (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
}

export class SchemaValidator {
  readonly error?: string;
  /** Where the active schema came from (a path, or the built-in schema). */
  readonly origin: string;
  private readonly compiled: Compiled;
  private cachedInfo?: SchemaInfo;

  constructor(private readonly logger: Logger, compiled?: Compiled, origin?: string, error?: string) {
    this.compiled = compiled ?? compiledBuiltIn(logger);
    this.origin = compiled ? (origin ?? 'schema') : BUILTIN_SCHEMA_ORIGIN;
    if (error) this.error = error;
  }

  static builtIn(logger: Logger): SchemaValidator {
    return new SchemaValidator(logger);
  }

  static fromText(text: string, origin: string, logger: Logger): SchemaValidator {
    const fail = (reason: string): SchemaValidator => {
      const message = `Schema ${origin} ${reason}; using the built-in schema instead.`;
      logger.warn(message);
      return new SchemaValidator(logger, undefined, undefined, message);
    };
    if (text.length > MAX_SCHEMA_SIZE) return fail(`is too large (${text.length} characters; the limit is ${MAX_SCHEMA_SIZE})`);
    const hit = cache.get(text);
    if (hit) return new SchemaValidator(logger, hit, origin);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      // V8's message may quote the text (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`): only what comes
      // before the first quote, and the position, are kept.
      const msg = e instanceof Error ? e.message : String(e);
      const reason = msg.split(/["'`]/, 1)[0]!.replace(/[\s,:]+$/, '');
      return fail(`is not valid JSON${reason ? `: ${reason}` : ''}${jsonPosition(text, msg)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('is not a JSON Schema: it must be a JSON object');
    let compiled: Compiled;
    try {
      compiled = compile(parsed as AnySchemaObject, logger);
    } catch (e) {
      const err = e as { message?: string; missingRef?: string };
      if (err.missingRef !== undefined) {
        return fail(`has a $ref that cannot be resolved (${err.missingRef}): references are resolved only inside the schema and to the built-in schema ${BUILTIN_SCHEMA_ID}, nothing is fetched`);
      }
      const meta = (parsed as AnySchemaObject).$schema;
      if (typeof meta === 'string' && err.message?.includes(`"${meta}"`)) {
        return fail(`declares "$schema": "${meta}", which is not supported (use draft-07, 2019-09 or 2020-12)`);
      }
      if (err instanceof RegExpUnsupported) return fail(err.message);
      return fail(`is not a valid JSON Schema: ${err.message ?? String(e)}`);
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(text, compiled);
    return new SchemaValidator(logger, compiled, origin);
  }

  validate(model: PostmortemModel): Finding[] {
    const { view, pointers } = buildValidationView(model, this.info());
    if (this.compiled.validate(view)) return [];
    const errors = this.compiled.validate.errors ?? [];
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const err of errors) {
      let f: Reported | null;
      try {
        f = this.mapError(err, errors, pointers);
      } catch (e) {
        this.logger.error(`schema: could not map ${err.instancePath} ${err.keyword}`, e);
        f = null;
      }
      if (!f) continue;
      const key = `${f.code}|${JSON.stringify(f.range)}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...f, severity: SCHEMA_SEVERITIES[f.code] ?? 'warning' } as Finding);
    }
    return out;
  }

  info(): SchemaInfo {
    if (this.cachedInfo) return this.cachedInfo;
    const root = this.compiled.schema;
    const metaNodes = nodesAt(root, ['metadata']);
    const props = mergedProperties(metaNodes);
    const metadataKeys: SchemaInfo['metadataKeys'] = [];
    for (const [key, nodes] of props) {
      const entry: SchemaInfo['metadataKeys'][number] = { key, description: firstString(nodes, 'description') ?? this.describe(['metadata', key]).description };
      const values = valuesOf(nodes);
      if (values.length) entry.values = values;
      const synonyms = synonymsOf(nodes, values);
      if (synonyms) entry.synonyms = synonyms;
      metadataKeys.push(entry);
    }
    const required = new Set<string>();
    for (const n of nodesAt(root, ['sections'])) for (const r of asStrings(n.node.required)) required.add(r);
    const requiredSections = SECTION_ORDER.filter((k) => required.has(k)) as SectionKind[];
    const itemRequired = new Set<string>();
    for (const n of nodesAt(root, ['actionItems', '0'])) for (const r of asStrings(n.node.required)) itemRequired.add(r);
    const actionItemRequired = ACTION_ITEM_FIELDS.filter((f) => itemRequired.has(f));
    this.cachedInfo = {
      metadataKeys,
      actionItemRequired,
      strict: expand([{ node: root, doc: root }]).some((n) => n.node['x-strict'] === true),
      requiredSections,
      severities: valuesOf(props.get('severity') ?? []),
      statuses: valuesOf(props.get('status') ?? []),
    };
    return this.cachedInfo;
  }

  // ---- error mapping ----

  /** Title and description of the property at `path`; the built-in schema's words when the active schema has none. */
  private describe(path: string[]): { label: string; description: string } {
    const nodes = [...nodesAt(this.compiled.schema, path), ...(this.compiled.schema === BUILTIN_SCHEMA ? [] : nodesAt(BUILTIN_SCHEMA, path))];
    const last = path[path.length - 1] ?? '';
    return { label: firstString(nodes, 'title') ?? humanize(last), description: firstString(nodes, 'description') ?? '' };
  }

  private mapError(err: ErrorObject, all: ErrorObject[], pointers: Pointers): Reported | null {
    const path = err.instancePath.split('/').slice(1).map(unescapePointer);
    const pointer = err.instancePath;
    const at = locate(pointers, pointer);
    const key = path[path.length - 1] ?? '';
    const { label } = this.describe(path);
    const origin = this.origin;
    const custom = origin !== BUILTIN_SCHEMA_ORIGIN;
    const written = at.written ?? stringOf(err.data);
    const thing = thingLabel(path, pointers);
    const inCombinator = /\/(oneOf|anyOf)\/\d+\//.test(err.schemaPath);
    switch (err.keyword) {
      case 'required': {
        const missing = String((err.params as { missingProperty: string }).missingProperty);
        const d = this.describe([...path, missing]);
        const by = custom ? ` (required by ${origin})` : '';
        if (pointer === '/metadata') {
          // A key written without a value (`severity:`) is reported on the key; the allowed values go to the quick fix.
          const blank = pointers.get(`/metadata/${escapePointer(missing)}`);
          const allowed = this.info().metadataKeys.find((k) => k.key === missing)?.values?.map((v) => v.value) ?? [];
          return { code: 'missing-metadata', range: blank?.keyRange ?? blank?.range ?? at.range, data: allowed.length ? { key: missing, allowed } : { key: missing }, message: `Missing metadata: ${d.label}${hintOf(d.description, ' — ')}${by}` };
        }
        if (pointer === '/sections') {
          return { code: 'missing-section', range: at.range, data: { kind: missing as SectionKind }, message: `Missing section: ${d.label}${hintOf(d.description, ' — ', true)}${by}` };
        }
        // An action item's required fields are the action-item-fields rule's: one finding per section, not per row.
        if (/^\/actionItems\/\d+$/.test(pointer) && (ACTION_ITEM_FIELDS as readonly string[]).includes(missing)) return null;
        return { code: 'schema', range: at.range, data: { pointer: `${pointer}/${missing}` }, message: `${thing} has no ${d.label.toLowerCase()}${hintOf(d.description, ' — ', true)} (required by ${origin})` };
      }
      case 'enum':
      case 'const': {
        if (inCombinator) return null; // reported once by the oneOf/anyOf error
        const params = err.params as { allowedValues?: unknown[]; allowedValue?: unknown };
        const allowed = (params.allowedValues ?? [params.allowedValue]).map(String);
        return invalidValue(key, allowed, at, pointer, `${label} '${written}' is not one of ${allowed.join(', ')} (defined by ${origin})`);
      }
      case 'oneOf':
      case 'anyOf': {
        const branches = (err.schema as AnySchemaObject[] | undefined) ?? [];
        if (branches.length && branches.every((b) => b && typeof b === 'object' && 'const' in b)) {
          const allowed = branches.map((b) => String(b.const));
          return invalidValue(key, allowed, at, pointer, `${label} '${written}' is not one of ${allowed.join(', ')} (defined by ${origin})`);
        }
        // A combinator over other shapes: report the branches' own errors when there are some.
        if (all.some((o) => o !== err && o.instancePath.startsWith(pointer) && o.schemaPath.startsWith(err.schemaPath))) return null;
        return { code: 'schema', range: at.range, data: { pointer }, message: `${thing} does not match any of the forms ${origin} allows` };
      }
      case 'format': {
        const format = String((err.params as { format: string }).format);
        const how = format === 'date-time' ? 'is not a date and time the extension can read; write it as ISO 8601 with a zone, e.g. 2024-05-01T14:03:00Z'
          : format === 'date' ? 'is not a date; write it as YYYY-MM-DD, e.g. 2024-05-01'
          : `is not a valid ${format} (${origin})`;
        return invalidValue(key, [], at, pointer, `${label} '${written}' ${how}`);
      }
      case 'pattern':
        return invalidValue(key, [], at, pointer, `${label} '${written}' does not have the form ${origin} requires (${String((err.params as { pattern: string }).pattern)})`);
      case 'additionalProperties': {
        const extra = String((err.params as { additionalProperty: string }).additionalProperty);
        const p = locate(pointers, `${pointer}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        const where = pointer === '/metadata' ? 'metadata key' : pointer === '/sections' ? 'section' : 'field';
        return { code: 'schema', range: p.keyRange ?? p.range, data: { pointer: `${pointer}/${extra}` }, message: `Unknown ${where} '${extra}': ${origin} does not allow it` };
      }
      case 'type': {
        const t = String((err.params as { type: string }).type);
        const want = t === 'array' ? 'a list' : t === 'object' ? 'a map of keys and values' : t === 'integer' ? 'a whole number' : `a ${t}`;
        return { code: 'schema', range: at.range, data: { pointer }, message: `${label} should be ${want} (${origin})` };
      }
      case 'minLength':
        if ((err.params as { limit: number }).limit === 1) return { code: 'schema', range: at.range, data: { pointer }, message: `${label} is empty` };
        return { code: 'schema', range: at.range, data: { pointer }, message: `${label} '${written}' ${err.message ?? ''} (${origin})` };
      case 'minItems':
      case 'maxItems': {
        const limit = (err.params as { limit: number }).limit;
        const what = path.length === 1 && (key === 'timeline' || key === 'actionItems') ? `The ${label.toLowerCase()}` : label;
        return { code: 'schema', range: at.range, data: { pointer }, message: `${what} needs ${err.keyword === 'minItems' ? 'at least' : 'at most'} ${limit} ${limit === 1 ? 'entry' : 'entries'} (${origin})` };
      }
      case 'if':
        return null; // the failing `then`/`else` keyword is reported on its own
      default:
        if (inCombinator) return null;
        return { code: 'schema', range: at.range, data: { pointer }, message: `${thing === 'The document' ? label : thing}: ${err.message ?? err.keyword} (${origin})` };
    }
  }
}

function invalidValue(key: string, allowed: string[], at: PointerInfo, pointer: string, message: string): Reported {
  return { code: 'invalid-value', range: at.range, data: { key, allowed, pointer }, message };
}

/** First sentence of a description as a hint: " — say who was affected and how much". */
function hintOf(description: string, sep: string, lowerFirst = false): string {
  if (!description) return '';
  const m = /^(.+?[.!?])(\s|$)/.exec(description);
  let s = (m ? m[1]! : description).replace(/[.]$/, '');
  if (lowerFirst && /^[A-Z][a-z]/.test(s)) s = s[0]!.toLowerCase() + s.slice(1);
  return sep + s;
}

function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Value';
}

function stringOf(data: unknown): string {
  if (typeof data === 'string') return data;
  try { return JSON.stringify(data) ?? String(data); } catch { return String(data); }
}

function shorten(s: string, max = 50): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function thingLabel(path: string[], pointers: Pointers): string {
  if (path.length === 0) return 'The document';
  if (path[0] === 'actionItems' && path.length >= 2) return `Action item '${shorten(pointers.get(`/actionItems/${path[1]}`)?.written ?? path[1]!)}'`;
  if (path[0] === 'timeline' && path.length >= 2) return `Timeline entry at ${pointers.get(`/timeline/${path[1]}/time`)?.written ?? path[1]}`;
  if (path[0] === 'metadata') return path.length === 1 ? 'The metadata' : `Metadata '${path.slice(1).join('.')}'`;
  if (path[0] === 'sections') return path.length === 1 ? 'The sections' : `Section '${path[1]}'`;
  return `'${path.join('.')}'`;
}

// ---- schema walking (for info() and labels): follows $ref (local and the built-in) and allOf ----

interface SchemaNode { node: AnySchemaObject; doc: AnySchemaObject }

function resolveRef(ref: string, doc: AnySchemaObject): SchemaNode | undefined {
  const hash = ref.indexOf('#');
  const base = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  let target: AnySchemaObject | undefined;
  if (base === '' || base === doc.$id) target = doc;
  else if (base === BUILTIN_SCHEMA_ID || base.endsWith('postmortem.schema.json')) target = BUILTIN_SCHEMA;
  if (!target) return undefined;
  let node: unknown = target;
  for (const seg of fragment.split('/').slice(1).map((s) => decodeURIComponent(unescapePointer(s)))) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
  }
  return node && typeof node === 'object' ? { node: node as AnySchemaObject, doc: target } : undefined;
}

function expand(start: SchemaNode[]): SchemaNode[] {
  const out: SchemaNode[] = [];
  const seen = new Set<unknown>();
  const visit = (n: SchemaNode, depth: number): void => {
    if (depth > 16 || seen.has(n.node) || typeof n.node !== 'object' || n.node === null) return;
    seen.add(n.node);
    out.push(n);
    if (typeof n.node.$ref === 'string') {
      const r = resolveRef(n.node.$ref, n.doc);
      if (r) visit(r, depth + 1);
    }
    if (Array.isArray(n.node.allOf)) for (const s of n.node.allOf) visit({ node: s as AnySchemaObject, doc: n.doc }, depth + 1);
  };
  for (const n of start) visit(n, 0);
  return out;
}

function nodesAt(root: AnySchemaObject, path: string[]): SchemaNode[] {
  let nodes = expand([{ node: root, doc: root }]);
  for (const seg of path) {
    const next: SchemaNode[] = [];
    for (const n of nodes) {
      const props = n.node.properties as Record<string, AnySchemaObject> | undefined;
      if (props && typeof props === 'object' && props[seg]) next.push({ node: props[seg]!, doc: n.doc });
      else if (/^\d+$/.test(seg) && n.node.items && typeof n.node.items === 'object' && !Array.isArray(n.node.items)) next.push({ node: n.node.items as AnySchemaObject, doc: n.doc });
    }
    nodes = expand(next);
  }
  return nodes;
}

function mergedProperties(nodes: SchemaNode[]): Map<string, SchemaNode[]> {
  const out = new Map<string, SchemaNode[]>();
  for (const n of nodes) {
    const props = n.node.properties as Record<string, AnySchemaObject> | undefined;
    if (!props || typeof props !== 'object') continue;
    for (const [k, v] of Object.entries(props)) {
      if (!v || typeof v !== 'object') continue;
      const list = out.get(k) ?? [];
      list.push(...expand([{ node: v, doc: n.doc }]));
      out.set(k, list);
    }
  }
  return out;
}

function firstString(nodes: SchemaNode[], field: string): string | undefined {
  for (const n of nodes) if (typeof n.node[field] === 'string') return n.node[field] as string;
  return undefined;
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * `x-synonyms: { "final": ["closed", "done"] }` beside an enum: what people write for each allowed value, as a map
 * from the written form (lower case, runs of space, `-` and `_` as one space) to the value. Synonyms of values the
 * property does not allow are ignored.
 */
function synonymsOf(nodes: SchemaNode[], values: { value: string }[]): Record<string, string> | undefined {
  const allowed = new Set(values.map((v) => v.value));
  for (const { node } of nodes) {
    const raw = node['x-synonyms'];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const out: Record<string, string> = {};
    for (const [value, words] of Object.entries(raw as Record<string, unknown>)) {
      if (!allowed.has(value)) continue;
      for (const w of asStrings(words)) out[synonymKey(w)] = value;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return undefined;
}

/** Allowed values with descriptions: `enum` + `enumDescriptions`/`markdownEnumDescriptions`, or `oneOf`/`anyOf` of `{ const, description }`. */
function valuesOf(nodes: SchemaNode[]): { value: string; description: string }[] {
  for (const { node } of nodes) {
    if (Array.isArray(node.enum)) {
      const descs = asStrings(node.enumDescriptions ?? node.markdownEnumDescriptions ?? node['x-enumDescriptions']);
      return node.enum.map((v: unknown, i: number) => ({ value: String(v), description: descs[i] ?? '' }));
    }
    const branches = node.oneOf ?? node.anyOf;
    if (Array.isArray(branches) && branches.length && branches.every((b) => b && typeof b === 'object' && 'const' in b)) {
      return branches.map((b: AnySchemaObject) => ({ value: String(b.const), description: typeof b.description === 'string' ? b.description : (typeof b.title === 'string' ? b.title : '') }));
    }
  }
  return [];
}
