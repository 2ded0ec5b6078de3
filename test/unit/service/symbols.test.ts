import assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver-types';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { getDocumentSymbols } from '../../../server/src/service/symbols';
import { modelOf } from './editingFixtures';

const TEXT = [
  '---',
  'severity: SEV2',
  '---',
  '# Pool outage',
  '',
  '## Summary',
  '',
  'It broke.',
  '',
  '## Timeline',
  '',
  '| Time | Event |',
  '| --- | --- |',
  '| 14:03 | Alert fired on pool saturation for the primary database cluster in eu-west |',
  '| 14:10 | Rolled back |',
  '',
  '## Action items',
  '',
  '- [ ] Add alerting (owner: @alice, due: 2024-06-01, type: detect)',
  '- [x] Raise limits',
  '',
].join('\n');

/** name, kind, detail and children, for deepEqual. */
const shape = (s: DocumentSymbol): unknown => [s.name, s.kind, s.detail ?? '', ...(s.children?.length ? [s.children.map(shape)] : [])];

/** Every child's range and selection range lie inside its parent's range. */
function assertNested(list: DocumentSymbol[], parent?: DocumentSymbol) {
  for (const s of list) {
    const inside = (a: DocumentSymbol['range'], b: DocumentSymbol['range']) =>
      (b.start.line > a.start.line || (b.start.line === a.start.line && b.start.character >= a.start.character)) &&
      (b.end.line < a.end.line || (b.end.line === a.end.line && b.end.character <= a.end.character));
    assert.ok(inside(s.range, s.selectionRange), `${s.name}: selection inside range`);
    if (parent) assert.ok(inside(parent.range, s.range), `${s.name} inside ${parent.name}`);
    assertNested(s.children ?? [], s);
  }
}

describe('symbols', () => {
  it('builds the section hierarchy with timeline entries and action items as children', () => {
    const { model } = modelOf(TEXT);
    const symbols = getDocumentSymbols(model);
    assert.deepEqual(symbols.map(shape), [
      ['Frontmatter', SymbolKind.Object, 'YAML', [['severity', SymbolKind.Property, 'SEV2']]],
      ['Pool outage', SymbolKind.Namespace, '', [
        ['Summary', SymbolKind.Module, 'summary'],
        ['Timeline', SymbolKind.Module, 'timeline', [
          ['14:03 Alert fired on pool saturation for the primary databa…', SymbolKind.Event, '2024-05-01T14:03:00Z'],
          ['14:10 Rolled back', SymbolKind.Event, '2024-05-01T14:10:00Z'],
        ]],
        ['Action items', SymbolKind.Module, 'action items', [
          ['Add alerting', SymbolKind.Field, '@alice · due 2024-06-01'],
          ['Raise limits', SymbolKind.Boolean, 'done'],
        ]],
      ]],
    ]);
    assertNested(symbols);
  });

  it('turns heading-style timeline entries into event symbols in place of their sections', () => {
    const text = '## Timeline\n\n### 14:03\n\nAlert fired.\n\n### 14:30\n\nResolved.\n';
    const { model } = modelOf(text);
    model.timeline.forEach((e, i) => { e.text = ['Alert fired.', 'Resolved.'][i]!; });
    const symbols = getDocumentSymbols(model);
    assert.deepEqual(symbols.map(shape), [
      ['Timeline', SymbolKind.Module, 'timeline', [
        ['14:03 Alert fired.', SymbolKind.Event, '2024-05-01T14:03:00Z'],
        ['14:30 Resolved.', SymbolKind.Event, '2024-05-01T14:30:00Z'],
      ]],
    ]);
    assertNested(symbols);
  });

  it('never produces an empty name', () => {
    const { model } = modelOf('## Timeline\n\n- 14:03\n');
    model.timeline[0]!.rawTime = '';
    model.timeline[0]!.text = '';
    const names = JSON.stringify(getDocumentSymbols(model));
    assert.ok(!names.includes('"name":""'));
  });
});
