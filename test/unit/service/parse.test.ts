import assert from 'node:assert/strict';
import { treeShape } from './analysisSupport';
import { CORPUS_DIR } from '../../corpus/helpers';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentParser, parseFull, planChunks, capNesting, computeLineStarts } from '../../../server/src/service/parse';

const CORPUS = CORPUS_DIR;

/** The tree as comparable data: types, values and every position. */
const shape = treeShape;

function assertSameAsFull(parser: DocumentParser, uri: string, version: number, text: string): void {
  const doc = parser.parse(uri, version, text);
  assert.equal(doc.parseError, undefined);
  assert.deepEqual(shape(doc.tree), shape(parseFull(text)));
}

/** Deterministic pseudo-random numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const SAMPLE = `---
title: Checkout outage
severity: SEV2
---

# Checkout outage

**Severity:** SEV2

## Summary

Payments failed for 42 minutes. See [the dashboard][dash] and a note[^1].

## Timeline (UTC)

| Time | Event |
|------|-------|
| 14:03 | Alert fired |
| 14:10 | Incident declared |

- 14:20 rollback started

- 14:45 rollback done
  with a continuation line

\`\`\`sh

# not a heading

kubectl get pods
\`\`\`

<!-- a comment

# not a heading either
-->

> quoted
> text

1. first
2. second

## Action items

- [ ] Add alerting (owner: @alice, due: 2024-06-01)
- [x] Fix pool size

[dash]: https://example.com/d
[^1]: The footnote.
`;

function bigTable(rows: number): string {
  let s = '# Big\n\n## Timeline\n\n| Time | Event | Who |\n|:-----|-------|----:|\n';
  for (let i = 0; i < rows; i++) s += `| 2024-05-01 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | Event number ${i} with *some* text and \`code\` | @user${i % 7} |\n`;
  return s + '\n## Action items\n\n- [ ] one\n';
}

function bigList(items: number, loose = false): string {
  let s = '# Big list\n\n## Timeline\n\n';
  for (let i = 0; i < items; i++) s += `- 14:${String(i % 60).padStart(2, '0')} Item ${i} with **bold** text and a [link](https://example.com/${i})\n${i % 5 === 0 ? '  continued line\n' : ''}${loose ? '\n' : ''}`;
  return s + '\nAfter the list.\n';
}

describe('parse: incremental parser', () => {
  it('gives exactly the tree of a full parse for a mixed document', () => {
    assertSameAsFull(new DocumentParser(), 'a', 1, SAMPLE);
  });

  it('splits at headings and blank lines but not inside fences or HTML comments', () => {
    const plan = planChunks(SAMPLE);
    const firstLines = plan.pieces.map((p) => p.text.split('\n')[0]);
    assert.equal(firstLines[0], '---');
    assert.ok(firstLines.includes('## Summary'));
    assert.ok(!firstLines.includes('# not a heading'));
    assert.ok(!firstLines.includes('# not a heading either'));
    assert.ok(!firstLines.includes('- 14:45 rollback done'), 'a loose list is not split at a blank line');
    assert.match(plan.definitions, /\[dash\]/);
  });

  it('equals a full parse after random single-character edits (fixture, CRLF variant, big table, loose list)', () => {
    const random = rng(7);
    const alphabet = ['a', ' ', '\n', '#', '|', '-', '`', '>', '*', '1', '.', '[', ']', '<', '!', '\t'];
    for (const [name, base] of [['sample', SAMPLE], ['crlf', SAMPLE.replace(/\n/g, '\r\n')], ['table', bigTable(130)], ['list', bigList(130, true)]] as const) {
      const parser = new DocumentParser();
      let text = base;
      assertSameAsFull(parser, name, 0, text);
      for (let v = 1; v <= 60; v++) {
        const at = Math.floor(random() * (text.length + 1));
        text = random() < 0.5 && text.length > 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at);
        assertSameAsFull(parser, name, v, text);
      }
    }
  });

  it('re-parses only the touched piece of a 300 KB, 2,000-row table on a single-character edit', () => {
    const text = bigTable(2000);
    assert.ok(text.length > 150_000);
    const parser = new DocumentParser();
    const first = parser.parse('big', 1, text);
    assert.deepEqual(shape(first.tree), shape(parseFull(text)));
    const at = text.indexOf('Event number 1000 ');
    const edited = text.slice(0, at) + 'X' + text.slice(at);
    const total = parser.lastParseStats().parsed;
    assert.ok(total > 10, `the first reading parses the table in many pieces (${total})`);
    let doc = first;
    for (let i = 0; i < 6; i++) {
      doc = parser.parse('big', 2 + i, i % 2 ? text : edited);
      const { parsed, reused } = parser.lastParseStats();
      // Cost is measured by `npm run bench`; here the work itself: the edited piece, never the whole table.
      assert.ok(parsed <= 2, `edit ${i} parsed ${parsed} pieces anew (reused ${reused})`);
      assert.ok(reused >= total - 2, `edit ${i} reused ${reused} of ${total} pieces`);
    }
    const table = doc.tree.children.find((n) => n.type === 'table');
    assert.equal(table?.type === 'table' && table.children.length, 2001);
    assert.deepEqual(shape(doc.tree), shape(parseFull(text)));
  });

  it('re-parses only the touched piece of a 2,000-item list and keeps it one list', () => {
    const text = bigList(2000);
    const parser = new DocumentParser();
    assertSameAsFull(parser, 'list', 1, text);
    let edited = text;
    let doc = parser.parse('list', 1, text);
    for (let i = 0; i < 4; i++) {
      const at = edited.indexOf(`Item ${1500 + i} `);
      edited = edited.slice(0, at) + 'Z' + edited.slice(at);
      doc = parser.parse('list', 2 + i, edited);
      const { parsed, reused } = parser.lastParseStats();
      assert.ok(parsed <= 2 && reused > 100, `edit ${i} parsed ${parsed} pieces anew, reused ${reused}`);
    }
    const list = doc.tree.children.find((n) => n.type === 'list');
    assert.equal(list?.type === 'list' && list.children.length, 2000);
    assert.deepEqual(shape(doc.tree), shape(parseFull(edited)));
  });

  it('equals a full parse for every corpus document, also after random edits', function () {
    assert.ok(existsSync(CORPUS), `corpus not found at ${CORPUS}`);
    const random = rng(11);
    for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
      let text = readFileSync(join(CORPUS, file), 'utf8');
      const parser = new DocumentParser();
      assertSameAsFull(parser, file, 0, text);
      for (let v = 1; v <= 8; v++) {
        const at = Math.floor(random() * text.length);
        text = v % 2 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + '\n' + text.slice(at);
        assertSameAsFull(parser, file, v, text);
      }
    }
  });

  it('reuses identical chunks that occur twice without sharing nodes', () => {
    const text = '## A\n\nsame paragraph\n\n## A\n\nsame paragraph\n';
    const parser = new DocumentParser();
    const doc = parser.parse('dup', 1, text);
    assert.deepEqual(shape(doc.tree), shape(parseFull(text)));
    assert.notEqual(doc.tree.children[1], doc.tree.children[3]);
    assertSameAsFull(parser, 'dup', 2, 'x\n\n' + text);
  });

  it('reuses the nodes of unchanged chunks, repeated ones included, instead of copying them', () => {
    const text = '# T\n\n' + 'Same paragraph.\n\n'.repeat(5) + 'End.\n';
    const parser = new DocumentParser();
    const first = parser.parse('reuse', 1, text).tree.children.slice(1, 6);
    const moved = 'Intro.\n\n' + text;
    const second = parser.parse('reuse', 2, moved).tree.children.slice(2, 7);
    second.forEach((node, i) => assert.equal(node, first[i], `paragraph ${i} reused`));
    assert.equal(second[0]!.position!.start.offset, 'Intro.\n\n# T\n\n'.length);
    assertSameAsFull(parser, 'reuse', 3, moved);
  });

  it('never throws: deep nesting, NUL bytes, binary garbage', () => {
    const parser = new DocumentParser();
    const deepQuote = parser.parse('q', 1, '> '.repeat(10000) + 'x\n');
    assert.equal(deepQuote.tree.type, 'root');
    const deepList = parser.parse('l', 1, '- '.repeat(10000) + 'x\n');
    assert.equal(deepList.tree.children[0]?.type, 'list');
    let indented = '';
    for (let i = 0; i < 1000; i++) indented += ' '.repeat(2 * i) + '- x\n';
    const t0 = performance.now();
    parser.parse('i', 1, indented);
    assert.ok(performance.now() - t0 < 15000, "deeply indented lists finish");
    const nul = parser.parse('n', 1, '# T\u0000itle\n\n\u0000\u0000 body\n');
    assert.equal(nul.tree.children[0]?.type, 'heading');
    const bytes = Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const garbage = parser.parse('g', 1, bytes);
    assert.equal(garbage.tree.type, 'root');
    assert.equal(garbage.lineStarts[0], 0);
  });

  it('caps nesting without moving positions', () => {
    const deep = '> '.repeat(300) + 'x';
    const capped = capNesting(deep);
    assert.equal(capped.length, deep.length);
    assert.equal((capped.match(/>/g) ?? []).length, 100);
    assert.equal(capNesting('- a\n  - b\n'), '- a\n  - b\n');
  });

  it('finishes a 5 MB document', function () {
    this.timeout(120000);
    let text = '';
    while (text.length < 5_000_000) text += SAMPLE.replace(/^---[\s\S]*?---\n/, '');
    const doc = new DocumentParser().parse('huge', 1, text);
    assert.ok(doc.tree.children.length > 1000);
    assert.equal(doc.tree.position?.end.offset, text.length);
  });

  it('computes line starts for LF, CRLF and CR', () => {
    assert.deepEqual(computeLineStarts('a\nb\r\nc\rd'), [0, 2, 5, 7]);
  });
});
