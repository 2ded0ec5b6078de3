import assert from 'node:assert/strict';
import { toPreviewData } from '../../../client/src/preview/data';
import { isFromWebviewMessage, isPreviewData, isPreviewWebviewState, isToWebviewMessage } from '../../../common/webviewMessages';
import { action, entry, located, makeModel } from './modelFactory';

describe('webview messages: validators', () => {
  it('accepts the messages the page posts', () => {
    assert.ok(isFromWebviewMessage({ type: 'ready' }));
    assert.ok(isFromWebviewMessage({ type: 'reveal', line: 0 }));
    assert.ok(isFromWebviewMessage({ type: 'reveal', line: 120 }));
    assert.ok(isFromWebviewMessage({ type: 'export', format: 'svg' }));
    assert.ok(isFromWebviewMessage({ type: 'export', format: 'html' }));
  });

  it('rejects malformed messages from the page', () => {
    const bad: unknown[] = [
      null, undefined, 42, 'ready', [], {}, { type: 'READY' }, { type: 'nope' },
      { type: 'reveal' }, { type: 'reveal', line: '3' }, { type: 'reveal', line: -1 }, { type: 'reveal', line: 1.5 },
      { type: 'reveal', line: Number.NaN }, { type: 'reveal', line: Infinity }, { type: 'reveal', line: 1e12 },
      { type: 'export' }, { type: 'export', format: 'pdf' }, { type: 'export', format: ['svg'] },
      { type: 'highlight', index: 1 },
    ];
    for (const m of bad) assert.equal(isFromWebviewMessage(m), false, JSON.stringify(m));
  });

  it('accepts real preview data built from a model, and null data', () => {
    const m = makeModel({
      title: 't',
      times: { started: '2024-05-01T10:00:00Z', resolved: null },
      timeline: [entry(1, '10:00', '2024-05-01T10:00:00Z', 'a', { marks: 'started' }), entry(2, 'x', null, 'b', { note: 'n' }), entry(3, '12:00', '2024-05-01T12:00:00Z', 'c')],
      actionItems: [action(5, 'do', { owner: located('@a'), ticket: located('T-1') })],
    });
    const data = toPreviewData(m);
    assert.ok(isPreviewData(data));
    assert.ok(isToWebviewMessage({ type: 'model', uri: m.uri, model: data }));
    assert.ok(isToWebviewMessage({ type: 'model', uri: m.uri, model: null, message: 'not a postmortem' }));
    assert.ok(isToWebviewMessage({ type: 'highlight', index: 2 }));
    assert.ok(isToWebviewMessage({ type: 'highlight', index: null }));
  });

  it('rejects malformed messages to the page', () => {
    const data = toPreviewData(makeModel({ timeline: [entry(1, '10:00', '2024-05-01T10:00:00Z', 'a')] }));
    const bad: unknown[] = [
      { type: 'model', uri: 'u' },
      { type: 'model', uri: 1, model: null },
      { type: 'model', uri: 'u', model: { ...data, entries: 'x' } },
      { type: 'model', uri: 'u', model: { ...data, entries: [{ ...data.entries[0], text: 5 }] } },
      { type: 'model', uri: 'u', model: { ...data, entries: [{ ...data.entries[0], marks: 'exploded' }] } },
      { type: 'model', uri: 'u', model: { ...data, phases: [{ name: 'started', label: 'x', raw: 'y', iso: 3, line: 0 }] } },
      { type: 'model', uri: 'u', model: { ...data, actionItems: [{ text: 'x' }] } },
      { type: 'model', uri: 'u', model: { ...data, span: { start: 1 } } },
      { type: 'model', uri: 'u', model: null, message: {} },
      { type: 'highlight', index: '1' },
      { type: 'highlight', index: -2 },
      { type: 'highlight' },
      { type: 'reveal', line: 1 },
    ];
    for (const m of bad) assert.equal(isToWebviewMessage(m), false, JSON.stringify(m).slice(0, 120));
  });

  it('validates the page state kept for the serializer', () => {
    assert.ok(isPreviewWebviewState({ uri: 'file:///a.md' }));
    for (const s of [undefined, null, {}, { uri: '' }, { uri: 3 }, 'file:///a.md']) assert.equal(isPreviewWebviewState(s), false);
  });
});
