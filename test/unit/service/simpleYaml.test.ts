/**
 * The reader of plain `key: value` frontmatter must give what the `yaml` package gives (the same data, the same key
 * and value ranges), or nothing, leaving the text to `yaml`.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { readSimpleYaml } from '../../../server/src/service/model/simpleYaml';
import { readFrontmatter } from '../../../server/src/service/model/frontmatter';
import { parsedDocument } from '../../corpus/helpers';

const KEYS = ['title', 'severity', 'status', 'date', 'started', 'id', 'type', 'services', 'owner_team', 'on-call', 'x', '_k', '1st', 'a b',
  'true', 'True', 'FALSE', 'null', 'Null', 'constructor', 'toString', '__proto__'];
const VALUES = ['', 'SEV2', 'draft', 'in review', '2024-03-14', '2024-03-14 14:03', '14:03', '2024-03-14T14:03:00Z', 'INC-1234', 'checkout-api incident 12',
  'It\'s down', 'Postmortem: checkout', 'a:b', 'https://example.com/x?y=1', '42', '-7', '+3', '007', '12345678901234567890', '3.5', '1e3', '.5', '.inf', '.NaN', '0x1F', '0o17',
  'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'null', 'Null', '~', 'NULL', '[checkout-api]', '[a, b]', '[]', '[ a ,b ]', '[a, [b]]', '[a:b]', '[a, ]', '["q"]', '[1, true, null, x]',
  '"quoted"', "'single'", '# comment', 'value # comment', 'value#hash', '|', '>', '- item', '&anchor x', '*alias', '!tag x', '%x', '@x', '`x`', '? x', ': x', 'ends:', 'a, b, c', '{a: 1}', 'tab\there', 'üñí', 'v  ',
  '[a,\u00A0b]', '[\u3000]', '[a\u00A0]', 'x\u00A0', '\u00A0x', '[ a,\tb ]', '1_000', '0b1', '+.5', '-.inf', '12:30:00', '\uFEFFx'];
const line = fc.record({ key: fc.constantFrom(...KEYS), value: fc.constantFrom(...VALUES), spaces: fc.constantFrom(' ', '  ', ''), trail: fc.constantFrom('', ' ', '\t', '\r') })
  .map(({ key, value, spaces, trail }) => (value === '' ? `${key}:${trail}` : `${key}:${spaces}${value}${trail}`));
const content = fc.array(fc.oneof({ weight: 8, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom('', '  ', '  nested: x', '- item', '---', '# c') }), { maxLength: 8 })
  .map((lines) => lines.join('\n') + (lines.length ? '\n' : ''));

/** What the frontmatter reader takes from `yaml`: data, and each top-level key's range and value range. */
function viaYaml(text: string): { data: unknown; keys: Array<{ name: string; key: number[]; value?: number[] }> } | 'error' {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length || doc.warnings.length) return 'error';
  const keys: Array<{ name: string; key: number[]; value?: number[] }> = [];
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (!isPair(item) || !isScalar(item.key) || !item.key.range) continue;
      const value = item.value as { range?: number[] } | null;
      keys.push({ name: String(item.key.value), key: item.key.range.slice(0, 2), ...(value?.range ? { value: value.range.slice(0, 2) } : {}) });
    }
  } else if (doc.contents) return 'error';
  const data = doc.toJS();
  return { data: data ?? {}, keys };
}

describe('plain frontmatter read without the yaml package', () => {
  it('gives yaml\'s data and ranges whenever it reads a text, and reads the common shapes', () => {
    let read = 0;
    fc.assert(fc.property(content, (text) => {
      const simple = readSimpleYaml(text);
      if (!simple) return;
      read++;
      const expected = viaYaml(text);
      assert.notEqual(expected, 'error', `yaml refuses what the shortcut read: ${JSON.stringify(text)}`);
      if (expected === 'error') return;
      assert.deepEqual(simple.data, expected.data, JSON.stringify(text));
      assert.deepEqual(simple.keys.map((k) => ({ name: k.name, key: [k.keyStart, k.keyEnd], value: [k.value.start, k.value.end] })), expected.keys, JSON.stringify(text));
    }), { numRuns: 3000 });
    assert.ok(read > 300, `the shortcut read ${read} of 3000 generated frontmatters`);
  });

  it('reads typical frontmatter, and leaves what it does not know to yaml', () => {
    const typical = 'title: Checkout outage\nseverity: SEV2\nstatus: draft\ndate: 2024-03-14\nstarted: 2024-03-14 14:03\nservices: [checkout-api, payments]\nimpact_users: 3400\n';
    assert.deepEqual(readSimpleYaml(typical)?.data, { title: 'Checkout outage', severity: 'SEV2', status: 'draft', date: '2024-03-14', started: '2024-03-14 14:03', services: ['checkout-api', 'payments'], impact_users: 3400 });
    // Cases a review found by reading yaml: keys the schema reads, Unicode spaces yaml keeps, names on Object.prototype.
    for (const tricky of ['True: x\n', 'null: x\n', 'true: a\nTrue: b\n', 'services: [a,\u00A0b]\n', 'services: [\u3000]\n', 'title: x\u00A0\n', 'constructor: Pat\ntoString: x\n']) {
      const simple = readSimpleYaml(tricky);
      const expected = viaYaml(tricky);
      if (!simple) continue;
      assert.notEqual(expected, 'error', JSON.stringify(tricky));
      if (expected !== 'error') assert.deepEqual(simple.data, expected.data, JSON.stringify(tricky));
    }
    assert.equal(readSimpleYaml('True: x\n'), undefined);
    for (const other of ['title: "Quoted"\n', 'authors:\n  - a\n', 'title: a # note\n', 'ratio: 0.5\n', 'a: 1\na: 2\n', 'title: x\r\n']) assert.equal(readSimpleYaml(other), undefined, other);
  });

  it('both paths record a key named like a member of Object.prototype (the shortcut and yaml agree)', () => {
    for (const fm of ['constructor: Pat\n', 'constructor: "Pat"\n']) {
      const read = readFrontmatter(parsedDocument(`---\n${fm}---\n\n# T\n`))!;
      assert.ok(Object.hasOwn(read.keys, 'constructor'), fm);
      assert.equal(read.data['constructor'], 'Pat', fm);
    }
    const toml = readFrontmatter(parsedDocument('+++\nconstructor = "Pat"\n+++\n\n# T\n'))!;
    assert.ok(Object.hasOwn(toml.keys, 'constructor'), 'TOML too');
  });
});
