import assert from 'node:assert/strict';
import type { ActionItem, Metric } from '../../../common/model';
import { actionItemDescription, formatDuration, itemsWithoutTicket, metricLines, statusBarText, statusBarTooltip } from '../../../client/src/format';

const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const metric = (name: Metric['name'], label: string, minutes: number): Metric => ({
  name, label, minutes, definition: `from impact start (started) to ${label.toLowerCase()}`, from: 'started', to: 'resolved',
});

describe('client format: status bar and metrics', () => {
  it('formats durations like the server', () => {
    assert.equal(formatDuration(84), '1 h 24 min');
    assert.equal(formatDuration(45), '45 min');
    assert.equal(formatDuration(60), '1 h');
    assert.equal(formatDuration(3060), '2 d 3 h');
    assert.equal(formatDuration(0), '0 min');
    assert.equal(formatDuration(-5), '−5 min');
  });
  it('writes the status text with problems and TTR', () => {
    const metrics = [metric('timeToDetect', 'Time to detect', 7), metric('timeToResolve', 'Time to resolve', 84)];
    assert.equal(statusBarText(3, metrics), '$(issues) 3 problems · TTR 1 h 24 min');
    assert.equal(statusBarText(1, metrics), '$(issues) 1 problem · TTR 1 h 24 min');
    assert.equal(statusBarText(0, [metric('timeToDetect', 'Time to detect', 7)]), '$(issues) 0 problems');
  });
  it('lists every metric with its definition in the tooltip', () => {
    const metrics = [metric('timeToDetect', 'Time to detect', 7), metric('timeToResolve', 'Time to resolve', 84)];
    const tip = statusBarTooltip(2, metrics);
    assert.match(tip, /2 problems/);
    assert.match(tip, /\*\*Time to detect\*\*: 7 min — _from impact start \(started\) to time to detect_/);
    assert.match(tip, /\*\*Time to resolve\*\*: 1 h 24 min/);
    assert.match(statusBarTooltip(0, []), /No metrics yet/);
    assert.deepEqual(metricLines(metrics)[1], 'Time to resolve: 1 h 24 min — from impact start (started) to time to resolve');
  });
});

describe('client format: action items', () => {
  const item = (over: Partial<ActionItem>): ActionItem => ({ text: 'Do it', range: r, done: false, style: 'task', id: 'x', ...over });
  it('describes owner, due, type and priority', () => {
    const a = item({
      owner: { value: '@alice', range: r, source: 'inline' },
      due: { value: '2024-06-01', raw: 'June 1', range: r, source: 'inline' },
      type: { value: 'detect', range: r, source: 'inline' },
      priority: { value: 'P1', range: r, source: 'inline' },
    });
    assert.equal(actionItemDescription(a), '@alice · due 2024-06-01 · detect · P1');
    assert.equal(actionItemDescription(item({})), 'no owner · no due date');
  });
  it('keeps open items without a ticket', () => {
    const items = [
      item({ id: 'a' }),
      item({ id: 'b', done: true }),
      item({ id: 'c', ticket: { value: 'OPS-1', range: r, source: 'inline' } }),
      item({ id: 'd', ticket: { value: ' ', range: r, source: 'inline' } }),
    ];
    assert.deepEqual(itemsWithoutTicket(items).map((i) => i.id), ['a', 'd']);
  });
});
