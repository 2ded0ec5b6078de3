import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { InsertTextFormat } from 'vscode-languageserver-types';
import { getCompletions } from '../../../server/src/service/completions';
import { apply, modelOf, schema, settings } from './editingFixtures';

const NOW = new Date('2024-05-01T14:03:27Z');

/** Completions at the `|` marker of the text (the marker removed). */
function complete(marked: string) {
  const offset = marked.indexOf('|^');
  const text = marked.replace('|^', '');
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1]!.length };
  const { doc, model } = modelOf(text);
  const items = getCompletions(doc, model, position, schema, settings, NOW);
  return { text, items, labels: items.map(i => i.label) };
}

function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? edit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '') : edit.newText;
  return apply(text, [{ range: edit.range, newText }]);
}

describe('completions: section headings', () => {
  it('offers the missing sections in canonical order with a skeleton snippet', () => {
    const { text, items, labels } = complete('# Outage\n\n## Summary\n\nIt broke.\n\n## |^\n');
    assert.deepEqual(labels.slice(0, 3), ['## Impact', '## Timeline', '## Contributing factors']);
    assert.ok(!labels.includes('## Summary'));
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map(i => i.label);
    assert.deepEqual(sorted, labels);
    const impact = items[0]!;
    assert.equal(impact.insertTextFormat, InsertTextFormat.Snippet);
    assert.match((impact.textEdit as TextEdit).newText, /^## Impact\n\n- Duration: \$\{1:TODO\}\n/);
    assert.equal(accept(text, impact), '# Outage\n\n## Summary\n\nIt broke.\n\n## Impact\n\n- Duration: TODO\n- Customers affected: TODO\n- Customers reporting: TODO\n- Business metric: TODO\n');
  });

  it('on an empty line uses the depth of the sibling sections', () => {
    const { labels } = complete('# Outage\n\n## Summary\n\nIt broke.\n\n|^\n');
    assert.equal(labels[0], '## Impact');
  });
});

describe('completions: frontmatter', () => {
  it('offers keys not yet present, with descriptions', () => {
    const { text, items, labels } = complete('---\nseverity: SEV2\n|^\n---\n# X\n');
    assert.deepEqual(labels, ['title', 'status', 'owner', 'participants', 'date', 'timezone']);
    assert.deepEqual(items[0]!.documentation, { kind: 'markdown', value: 'Title of the incident.' });
    assert.equal(accept(text, items[1]!), '---\nseverity: SEV2\nstatus: \n---\n# X\n');
  });

  it('offers severity values in schema order with their descriptions', () => {
    const { text, items, labels } = complete('---\nseverity: se|^\n---\n');
    assert.deepEqual(labels, ['SEV1', 'SEV2', 'SEV3']);
    assert.deepEqual(items.map(i => i.sortText), ['000', '001', '002']);
    assert.equal((items[1]!.documentation as { value: string }).value, 'Major: a core feature degraded.');
    assert.equal(accept(text, items[1]!), '---\nseverity: SEV2\n---\n');
  });

  it('offers status values after an inline **Status:** label', () => {
    const { labels } = complete('# X\n\n**Status:** |^\n');
    assert.deepEqual(labels, ['draft', 'in-review', 'final']);
  });

  it('offers participants as the owner (without @ in YAML)', () => {
    const { labels } = complete('---\nparticipants: [alice, bob]\nowner: |^\n---\n');
    assert.deepEqual(labels, ['alice', 'bob']);
  });
});

describe('completions: timeline timestamps', () => {
  it('offers a table row at now in the style of the existing rows', () => {
    const { text, items } = complete('## Timeline\n\n| Time | Event |\n| --- | --- |\n| 13:55 | Deploy |\n|^\n');
    const item = items.find(i => String(i.label).includes('(now)'))!;
    assert.equal(item.label, '14:03 (now)');
    assert.equal(accept(text, item), '## Timeline\n\n| Time | Event |\n| --- | --- |\n| 13:55 | Deploy |\n| 14:03 |  |\n');
  });

  it('offers a list item in the document zone, with the date when the entries carry one', () => {
    const { text, items } = complete('---\ntimezone: Europe/Berlin\n---\n## Timeline\n\n- **2024-05-01 13:55** Deploy\n- |^\n');
    const item = items[0]!;
    assert.equal(accept(text, item), '---\ntimezone: Europe/Berlin\n---\n## Timeline\n\n- **2024-05-01 13:55** Deploy\n- **2024-05-01 16:03** \n');
  });

  it('writes the zone when the entries do, converting now to it', () => {
    const { text, items } = complete('## Timeline\n\n- 06:55 PDT Deploy\n- |^\n');
    assert.equal(accept(text, items[0]!), '## Timeline\n\n- 06:55 PDT Deploy\n- 07:03 PDT \n');
  });
});

describe('completions: action items', () => {
  const head = '---\nseverity: SEV2\ndate: 2024-05-01\nowner: carol\nparticipants: [alice, bob]\n---\n## Action items\n\n';

  it('offers field names inside the parenthesised suffix, without those present', () => {
    const { labels } = complete(head + '- [ ] Add alerting (owner: @alice, |^)\n');
    assert.deepEqual(labels, ['due:', 'type:', 'priority:', 'ticket:']);
  });

  it('offers types with descriptions', () => {
    const { text, items, labels } = complete(head + '- [ ] Add alerting (type: |^\n');
    assert.deepEqual(labels, ['prevent', 'detect', 'mitigate', 'process']);
    assert.match((items[1]!.documentation as { value: string }).value, /sooner/);
    assert.equal(accept(text, items[1]!), head + '- [ ] Add alerting (type: detect\n');
  });

  it('offers the target date for the severity after due:', () => {
    const { items } = complete(head + '- [ ] Add alerting (owner: @bob, due: |^)\n');
    assert.deepEqual(items.map(i => [i.label, i.detail]), [['2024-05-31', 'Target for SEV2: 30 days']]);
  });

  it('offers the owner and participants after @', () => {
    const { text, items, labels } = complete(head + '- [ ] Add alerting (owner: @a|^)\n');
    assert.deepEqual(labels, ['@carol', '@alice', '@bob']);
    assert.equal(accept(text, items[1]!), head + '- [ ] Add alerting (owner: @alice)\n');
  });

  it('is fast', () => {
    const body = Array.from({ length: 400 }, (_, i) => `- [ ] Item ${i} (owner: @alice)`).join('\n');
    const text = head + body + '\n- [ ] New (type: ';
    const { doc, model } = modelOf(text);
    const position = { line: model.lineCount - 1, character: text.split('\n').pop()!.length };
    const start = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) getCompletions(doc, model, position, schema, settings, NOW);
    const perCallMs = Number(process.hrtime.bigint() - start) / 1e6 / 100;
    assert.ok(perCallMs < 2, `${perCallMs} ms`);
  });
});

describe('completions: TOML frontmatter', () => {
  it('writes keys with = and quotes values', () => {
    const marked = '+++\nseverity = "se|^\n+++\n';
    const offset = marked.indexOf('|^');
    const text = marked.replace('|^', '');
    const { doc, model } = modelOf(text);
    model.metadata.frontmatter = { kind: 'toml', range: { start: { line: 0, character: 0 }, end: { line: 2, character: 3 } }, keys: {}, data: {} };
    const items = getCompletions(doc, model, { line: 1, character: offset - 4 }, schema, settings, NOW);
    assert.equal(accept(text, items[0]!), '+++\nseverity = "SEV1"\n+++\n');
    const keys = getCompletions(doc, model, { line: 1, character: 0 }, schema, settings, NOW);
    assert.equal((keys[0]!.textEdit as TextEdit).newText, 'title = ');
  });
});

describe('completions: with the built-in schema', () => {
  it('offers the schema severities and statuses in its order', async () => {
    const { SchemaValidator } = await import('../../../server/src/service/schema');
    const { nullLogger } = await import('../../../server/src/service/types');
    const info = SchemaValidator.builtIn(nullLogger).info();
    const text = '---\nseverity: \nstatus: \n---\n';
    const { doc, model } = modelOf(text);
    const sev = getCompletions(doc, model, { line: 1, character: 10 }, info, settings, NOW);
    assert.deepEqual(sev.map(i => i.label), info.severities.map(s => s.value));
    assert.ok(sev.length >= 3 && sev[0]!.label === 'SEV1');
    const status = getCompletions(doc, model, { line: 2, character: 8 }, info, settings, NOW);
    assert.deepEqual(status.map(i => i.label), info.statuses.map(s => s.value));
  });
});

describe('completions: timeline styles', () => {
  it('follows bold AM/PM list entries', () => {
    const text = '## Timeline\n\n- **10:05 AM:** Alert\n';
    const { doc, model } = modelOf(text + '\n');
    model.timeline = [{ rawTime: '**10:05 AM:**', iso: '2024-05-01T10:05:00Z', approximate: false, zone: 'UTC', text: 'Alert', style: 'list',
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 20 } }, timeRange: { start: { line: 2, character: 2 }, end: { line: 2, character: 15 } } }];
    const items = getCompletions(doc, model, { line: 3, character: 0 }, schema, settings, NOW);
    assert.equal(accept(text + '\n', items[0]!), text + '- **2:03 PM:** \n');
  });

  it('follows heading entries with a heading of the same depth', () => {
    const text = '## Timeline\n\n### 13:55\n\nDeploy.\n\n';
    const { doc, model } = modelOf(text);
    const items = getCompletions(doc, model, { line: 6, character: 0 }, schema, settings, NOW);
    assert.equal(accept(text, items[0]!), text + '### 14:03\n\n');
  });
});
