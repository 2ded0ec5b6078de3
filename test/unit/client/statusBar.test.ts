import assert from 'node:assert/strict';
import type { Metric } from '../../../common/model';
import { statusBarView } from '../../../client/src/format';

const ttr: Metric = { name: 'timeToResolve', label: 'Time to resolve', minutes: 84, definition: 'from impact start (started) to resolved', from: 'started', to: 'resolved' };
const PM = 'file:///w/postmortems/a.md';

describe('client status bar: show/hide and content', () => {
  it('shows problems and TTR for the active postmortem, with every metric in the tooltip', () => {
    const view = statusBarView({ activeUri: PM, model: { isPostmortem: true, metrics: [ttr] }, modelUri: PM, problems: 2 });
    assert.deepEqual(view.visible, true);
    assert.ok(view.visible);
    assert.equal(view.text, '$(issues) 2 problems · TTR 1 h 24 min');
    assert.match(view.tooltip, /^\*\*Postmortem\*\* — 2 problems/);
    assert.match(view.tooltip, /\*\*Time to resolve\*\*: 1 h 24 min — _from impact start \(started\) to resolved_/);
    assert.match(view.tooltip, /Click to show the metrics\.$/);
  });
  it('says 1 problem, and has no TTR without the metric', () => {
    const view = statusBarView({ activeUri: PM, model: { isPostmortem: true, metrics: [] }, modelUri: PM, problems: 1 });
    assert.ok(view.visible);
    assert.equal(view.text, '$(issues) 1 problem');
    assert.match(view.tooltip, /No metrics yet/);
  });
  it('hides for README.md and other Markdown (no postmortem model)', () => {
    assert.deepEqual(statusBarView({ activeUri: 'file:///w/README.md', model: null, modelUri: 'file:///w/README.md', problems: 0 }), { visible: false });
    assert.deepEqual(statusBarView({ activeUri: 'file:///w/README.md', model: { isPostmortem: false, metrics: [] }, modelUri: 'file:///w/README.md', problems: 0 }), { visible: false });
  });
  it('hides without an active editor, and when the model is of another document than the active one', () => {
    assert.deepEqual(statusBarView({ activeUri: undefined, model: { isPostmortem: true, metrics: [ttr] }, modelUri: PM, problems: 0 }), { visible: false });
    assert.deepEqual(statusBarView({ activeUri: 'file:///w/README.md', model: { isPostmortem: true, metrics: [ttr] }, modelUri: PM, problems: 0 }), { visible: false });
  });
});
