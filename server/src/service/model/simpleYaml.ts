/**
 * Most frontmatter is a flat list of `key: value` lines. The `yaml` package reads it correctly, but its lexer, parser
 * and composer are a lot of code that runs cold in every CLI worker thread (about a twentieth of a worker's time over
 * 500 files) and again on every keystroke in the editor. This reads that one common shape directly, exactly as `yaml`
 * resolves it (YAML 1.2, core schema), and returns undefined for anything else (comments, quotes at the start of a
 * value, nesting, block lists, anchors, tags, multi-line values, duplicate keys, numbers other than plain integers),
 * which then goes to `yaml`. test/unit/service/simpleYaml.test.ts holds it to the `yaml` package on generated input.
 */

export interface SimpleYamlKey {
  name: string;
  keyStart: number;
  keyEnd: number;
  /** The value's source range; for `key:` an empty range at the end of the line, where `yaml` puts its null. */
  value: { start: number; end: number };
}

export interface SimpleYaml {
  keys: SimpleYamlKey[];
  data: Record<string, unknown>;
}

/** `key: value` or `key:`; the key plain, the value on the same line. */
const LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:([ ]+)(.*?))?[ ]*$/;
/**
 * A value `yaml` reads as a plain scalar with no surprise: no indicator first, no `#` (comments), no `: ` (a nested
 * map), no flow brackets or braces, no tab, no trailing colon.
 */
const SAFE_SCALAR = /^(?![-?:,[\]{}#&*!|>'"%@`\s])(?!.*(?:[#[\]{}\t]|: |:$)).+$/;
const SCHEMA_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** yaml trims only spaces and tabs around flow items (not no-break or other Unicode spaces). */
const trimSpaces = (text: string): string => text.replace(/^[ \t]+|[ \t]+$/g, '');
const FLOW_ITEM = /^(?![-?,[\]{}#&*!|>'"%@`\s])[^:#[\]{}\t,]+$/;

export function readSimpleYaml(content: string): SimpleYaml | undefined {
  const keys: SimpleYamlKey[] = [];
  const data: Record<string, unknown> = {};
  let offset = 0;
  for (const line of content.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (line.trim() === '') {
      if (line !== '' && !/^ *$/.test(line)) return undefined; // a tab or other space: let yaml judge
      continue;
    }
    const m = LINE.exec(line);
    if (!m) return undefined;
    const name = m[1]!;
    // yaml reads a key through the schema too (`True:` is the key `true`, `null:` an empty one): those go to yaml.
    if (Object.hasOwn(data, name) || name === '__proto__' || SCHEMA_KEY.test(name)) return undefined;
    const text = m[3] ?? '';
    if (text === '') {
      data[name] = null;
      keys.push({ name, keyStart: lineStart, keyEnd: lineStart + name.length, value: { start: lineStart + line.length, end: lineStart + line.length } });
      continue;
    }
    const value = resolve(text);
    if (value === undefined) return undefined;
    const start = lineStart + name.length + 1 + m[2]!.length;
    data[name] = value.value;
    keys.push({ name, keyStart: lineStart, keyEnd: lineStart + name.length, value: { start, end: start + text.length } });
  }
  return { keys, data };
}

function resolve(text: string): { value: unknown } | undefined {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return undefined;
    const inner = trimSpaces(text.slice(1, -1));
    if (inner === '') return { value: [] };
    const items: unknown[] = [];
    for (const raw of inner.split(',')) {
      const item = trimSpaces(raw);
      if (!FLOW_ITEM.test(item)) return undefined;
      const scalar = resolveScalar(item);
      if (scalar === undefined) return undefined;
      items.push(scalar.value);
    }
    return { value: items };
  }
  return SAFE_SCALAR.test(text) ? resolveScalar(text) : undefined;
}

/** The core schema's other numbers (yaml's own patterns, plus a margin: any scalar starting like one). */
const OTHER_NUMBERS = [/^0o/i, /^0x/i, /^[-+]?\.(?:inf|nan)$/i, /^[-+]?(?:\.[0-9]|[0-9]+\.)/, /^[-+]?[0-9]+[eE]/];

/** YAML 1.2 core schema, as `yaml` resolves a plain scalar; undefined for the rarer numbers (left to `yaml`). */
function resolveScalar(text: string): { value: unknown } | undefined {
  if (/^(?:~|[Nn]ull|NULL)$/.test(text)) return { value: null };
  if (/^(?:[Tt]rue|TRUE)$/.test(text)) return { value: true };
  if (/^(?:[Ff]alse|FALSE)$/.test(text)) return { value: false };
  if (/^[-+]?[0-9]+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? { value: n } : undefined;
  }
  // Octal, hexadecimal, floats, infinities and NaN: rare in frontmatter, and yaml's rules for them are its own.
  if (OTHER_NUMBERS.some((re) => re.test(text))) return undefined;
  return { value: text };
}
