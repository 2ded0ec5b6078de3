/** The tracker adapters' loader: a bundle by path, through the one bundle loader (core/requireBundle.ts). */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTrackerFactory } from '../../../core/trackers/load';

describe('trackers: loading an adapter bundle by path', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-trackers-'));
    fs.writeFileSync(path.join(dir, 'github.js'), 'exports.createTracker = () => "made";\n');
    fs.writeFileSync(path.join(dir, 'gitlab.js'), 'exports.somethingElse = () => undefined;\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns the adapter\'s createTracker', () => {
    const factory = loadTrackerFactory('github', dir) as unknown as () => string;
    assert.equal(factory(), 'made');
  });

  it('names the adapter and what it lacks, or that it could not be loaded', () => {
    assert.throws(() => loadTrackerFactory('gitlab', dir), /^Error: The gitlab adapter: .*gitlab\.js exports no createTracker$/);
    assert.throws(() => loadTrackerFactory('jira', dir), (e: Error) => e.message.startsWith('The jira adapter: ') && e.message.includes(path.join(dir, 'jira.js')) && e.message.includes('could not be loaded'));
  });
});
