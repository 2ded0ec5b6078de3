import assert from 'node:assert/strict';
import type { Metric } from '../../../common/model';
import { formatDuration, metricLines, statusBarText, statusBarTooltip } from '../../../client/src/format';

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

