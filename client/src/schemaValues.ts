/**
 * Reads the allowed severities out of a JSON Schema (the built-in one or a team's own). Pure (no `vscode`).
 * Looks for a `severity` property anywhere in the schema and collects its `enum` / `const` / `oneOf` values.
 */

export const FALLBACK_SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

export interface SeverityChoice {
  value: string;
  description: string;
}

function valuesOf(node: unknown, defs: Record<string, unknown>, depth = 0): SeverityChoice[] {
  if (!node || typeof node !== 'object' || depth > 8) return [];
  const n = node as Record<string, unknown>;
  if (typeof n.$ref === 'string') {
    const target = resolveRef(n.$ref, defs);
    if (target) return valuesOf(target, defs, depth + 1);
  }
  const out: SeverityChoice[] = [];
  const descriptions = (n['x-enumDescriptions'] ?? n.enumDescriptions ?? n.markdownEnumDescriptions) as unknown;
  if (Array.isArray(n.enum)) {
    n.enum.forEach((v, i) => {
      if (typeof v === 'string' || typeof v === 'number') {
        out.push({ value: String(v), description: Array.isArray(descriptions) && typeof descriptions[i] === 'string' ? descriptions[i] : '' });
      }
    });
  }
  if (typeof n.const === 'string' || typeof n.const === 'number') {
    out.push({ value: String(n.const), description: typeof n.description === 'string' ? n.description : typeof n.title === 'string' ? n.title : '' });
  }
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const list = n[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...valuesOf(sub, defs, depth + 1));
  }
  return out;
}

function resolveRef(ref: string, root: Record<string, unknown>): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** Severities the schema allows, in its order, deduplicated; the fallback list when it names none. */
export function severitiesFromSchema(schema: unknown): SeverityChoice[] {
  const root = (schema && typeof schema === 'object' ? schema : {}) as Record<string, unknown>;
  const seen = new Set<unknown>();
  const queue: unknown[] = [root];
  while (queue.length) {
    const node = queue.shift();
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const props = (node as Record<string, unknown>).properties;
    if (props && typeof props === 'object') {
      const sev = (props as Record<string, unknown>).severity;
      const found = valuesOf(sev, root);
      if (found.length) {
        const unique = new Map<string, SeverityChoice>();
        for (const f of found) if (!unique.has(f.value)) unique.set(f.value, f);
        return [...unique.values()];
      }
    }
    for (const v of Object.values(node as Record<string, unknown>)) if (v && typeof v === 'object') queue.push(v);
  }
  return FALLBACK_SEVERITIES.map((value) => ({ value, description: '' }));
}
