/**
 * Frontmatter: YAML (`---`, via the `yaml` package) or TOML (`+++`, via smol-toml), with the range of every
 * top-level key and value. Never throws: a parse error becomes `error` with its range.
 */
import type { Root } from 'mdast';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import type { Metadata, Range } from '../../../../common/model';
import type { ParsedDocument } from '../types';
import { rangeFromOffsets, rangeOfNode } from './ranges';
import { readSimpleYaml } from './simpleYaml';

export type Frontmatter = NonNullable<Metadata['frontmatter']>;

/** YAML aliases allowed before the document counts as an alias bomb. */
export const MAX_ALIAS_COUNT = 50;

/** Read the frontmatter node (the first child of the tree, `yaml` or `toml`), or null. */
export function readFrontmatter(doc: ParsedDocument, tree: Root = doc.tree): Frontmatter | null {
  const node = tree.children[0];
  if (!node || (node.type !== 'yaml' && (node.type as string) !== 'toml')) return null;
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const raw = doc.text.slice(start, end);
  // Content starts after the opening fence line.
  const fenceEnd = /^[-+]{3}[ \t]*(?:\r\n|\r|\n)/.exec(raw)?.[0].length ?? 4;
  const closeMatch = /(?:\r\n|\r|\n)[-+]{3}[ \t]*$/.exec(raw);
  const contentEnd = closeMatch ? closeMatch.index + (closeMatch[0].startsWith('\r\n') ? 2 : 1) : raw.length;
  const content = raw.slice(fenceEnd, contentEnd);
  const base = start + fenceEnd;
  const fm: Frontmatter = { kind: node.type === 'yaml' ? 'yaml' : 'toml', range: rangeOfNode(node), keys: {}, data: {} };
  try {
    if (fm.kind === 'yaml') readYaml(doc, content, base, fm);
    else readTomlInto(doc, content, base, fm);
  } catch (e) {
    fm.error = { message: `Frontmatter could not be read: ${e instanceof Error ? e.message : String(e)}`, range: fm.range };
  }
  return fm;
}

function readYaml(doc: ParsedDocument, content: string, base: number, fm: Frontmatter): void {
  const simple = readSimpleYaml(content);
  if (simple) {
    for (const k of simple.keys) {
      fm.keys[k.name] = { keyRange: rangeFromOffsets(doc, base + k.keyStart, base + k.keyEnd), valueRange: rangeFromOffsets(doc, base + k.value.start, base + k.value.end) };
    }
    fm.data = simple.data;
    return;
  }
  // Offsets are all the readers use: no line counter and no source tokens kept (both cost time on every document).
  const ydoc = parseDocument(content, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  const at = (a: number, b: number): Range => rangeFromOffsets(doc, base + a, base + Math.max(a, b));
  const problem = ydoc.errors[0];
  if (problem) {
    const [a, b] = problem.pos;
    fm.error = { message: `Invalid YAML frontmatter: ${firstLine(problem.message)}`, range: at(a, b > a ? b : a + 1) };
  }
  const contents = ydoc.contents;
  if (isMap(contents)) {
    for (const item of contents.items) {
      if (!isPair(item)) continue;
      const key = item.key;
      const name = isScalar(key) ? String(key.value) : key ? String(key) : '';
      if (!name || !isScalar(key) || !key.range) continue;
      const keyRange = at(key.range[0], key.range[1]);
      const value = item.value as { range?: [number, number, number] } | null;
      const valueRange = value && value.range ? at(value.range[0], value.range[1]) : { start: keyRange.end, end: keyRange.end };
      if (!Object.hasOwn(fm.keys, name) && name !== '__proto__') fm.keys[name] = { keyRange, valueRange };
    }
  } else if (contents && !problem && content.trim() !== '') {
    fm.error = { message: 'YAML frontmatter should be a map of keys and values', range: at(0, content.replace(/\s+$/, '').length) };
  }
  if (problem && !isMap(contents)) return;
  try {
    const data = ydoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    if (data && typeof data === 'object' && !Array.isArray(data)) fm.data = jsonSafe(data) as Record<string, unknown>;
  } catch (e) {
    // Alias bombs end here ("Excessive alias count indicates a resource exhaustion attack").
    const message = e instanceof Error ? e.message : String(e);
    const alias = /&|\*/.exec(content);
    fm.error ??= { message: `Invalid YAML frontmatter: ${firstLine(message)}`, range: alias ? at(alias.index, alias.index + 1) : fm.range };
    fm.data = {};
  }
}

function readTomlInto(doc: ParsedDocument, content: string, base: number, fm: Frontmatter): void {
  // Key ranges by scanning lines: `key = value` before the first [table] header; `[table]` headers themselves.
  let offset = 0;
  let inTable = false;
  for (const line of content.split(/(?<=\n)/)) {
    const header = /^[ \t]*\[\[?[ \t]*([A-Za-z0-9_.-]+|"[^"]*")[ \t]*\]\]?/.exec(line);
    if (header) {
      inTable = true;
      const name = header[1]!.replace(/^"|"$/g, '').split('.')[0]!;
      const i = line.indexOf(header[1]!);
      const r = rangeFromOffsets(doc, base + offset + i, base + offset + i + header[1]!.length);
      if (!Object.hasOwn(fm.keys, name) && name !== '__proto__') fm.keys[name] = { keyRange: r, valueRange: rangeFromOffsets(doc, base + offset, base + offset + line.replace(/\r?\n$/, '').length) };
    } else if (!inTable) {
      const kv = /^([ \t]*)([A-Za-z0-9_-]+|"[^"]*"|'[^']*')[ \t]*=[ \t]*(.*?)[ \t]*\r?\n?$/.exec(line);
      if (kv) {
        const name = kv[2]!.replace(/^["']|["']$/g, '');
        const ks = offset + kv[1]!.length;
        const vs = offset + line.indexOf('=', kv[1]!.length + kv[2]!.length) + 1 + (/^[ \t]*/.exec(line.slice(line.indexOf('=', kv[1]!.length + kv[2]!.length) + 1))![0].length);
        if (!Object.hasOwn(fm.keys, name) && name !== '__proto__') {
          fm.keys[name] = { keyRange: rangeFromOffsets(doc, base + ks, base + ks + kv[2]!.length), valueRange: rangeFromOffsets(doc, base + vs, base + vs + kv[3]!.length) };
        }
      }
    }
    offset += line.length;
  }
  try {
    fm.data = jsonSafe(parseToml(content)) as Record<string, unknown>;
  } catch (e) {
    const err = e as { message?: string; line?: number; column?: number };
    let range = fm.range;
    if (typeof err.line === 'number') {
      const lines = content.split('\n');
      const lineStart = lines.slice(0, err.line - 1).reduce((n, l) => n + l.length + 1, 0);
      const col = Math.max(0, (err.column ?? 1) - 1);
      const lineLen = (lines[err.line - 1] ?? '').replace(/\r$/, '').length;
      range = rangeFromOffsets(doc, base + lineStart + Math.min(col, lineLen), base + lineStart + Math.max(lineLen, Math.min(col, lineLen) + 1));
    }
    fm.error = { message: `Invalid TOML frontmatter: ${firstLine(err.message ?? String(e))}`, range };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** Dates become ISO strings (YAML/TOML dates), Maps plain objects; cycles and functions are dropped. */
function jsonSafe(value: unknown, depth = 0): unknown {
  if (depth > 50) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  if (value instanceof Map) return jsonSafe(Object.fromEntries(value), depth);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonSafe(v, depth + 1);
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (typeof value === 'function' || typeof value === 'symbol') return null;
  return value;
}
