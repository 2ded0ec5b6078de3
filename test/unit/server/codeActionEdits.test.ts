/** Code actions leave the server with versioned edits (server/src/codeActionEdits.ts). */
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { versionedCodeActions } from '../../../server/src/codeActionEdits';
import { toSettings } from '../../../server/src/settings';

const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };

describe('server: versioned code action edits', () => {
  it('turns changes into documentChanges naming the version they were computed for', () => {
    const actions: CodeAction[] = [
      { title: 'fix', edit: { changes: { 'file:///a.md': [{ range, newText: 'x' }] } } },
      { title: 'no edit', command: { title: 'c', command: 'x' } },
    ];
    const [fix, other] = versionedCodeActions(actions, 'file:///a.md', 7);
    assert.equal(fix!.edit!.changes, undefined);
    assert.deepEqual(fix!.edit!.documentChanges, [{ textDocument: { uri: 'file:///a.md', version: 7 }, edits: [{ range, newText: 'x' }] }]);
    assert.deepEqual(other, actions[1]);
  });

  it('gives another document no version (none is known here)', () => {
    const [fix] = versionedCodeActions([{ title: 'f', edit: { changes: { 'file:///b.md': [{ range, newText: 'y' }] } } }], 'file:///a.md', 3);
    assert.deepEqual(fix!.edit!.documentChanges, [{ textDocument: { uri: 'file:///b.md', version: null }, edits: [{ range, newText: 'y' }] }]);
  });
});

describe('server: the time budget setting', () => {
  it('reads postmortem.analysis.timeBudgetMs, clamped to 100..60000, default 2000', () => {
    assert.equal(toSettings({}, true).analysisTimeBudgetMs, 2000);
    assert.equal(toSettings({ analysis: { timeBudgetMs: 500 } }, true).analysisTimeBudgetMs, 500);
    assert.equal(toSettings({ 'analysis.timeBudgetMs': 5 }, true).analysisTimeBudgetMs, 100);
    assert.equal(toSettings({ analysis: { timeBudgetMs: 1e9 } }, true).analysisTimeBudgetMs, 60000);
    assert.equal(toSettings({ analysis: { timeBudgetMs: 'fast' } }, true).analysisTimeBudgetMs, 2000);
  });
});
