/**
 * Loads a tracker's adapter only when it is used. Each adapter is its own bundle, `dist/trackers/<kind>.js`
 * (scripts/build.mjs), beside the bundle that loads it (dist/client.js, dist/cli.js), and is required by path at
 * run time: the Linear SDK and the other clients never load at activation, nor for a tracker nobody uses.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TrackerFactory, TrackerKind, TrackerModule } from './types';

/** `dir`: where the adapter bundles are (default: `trackers/` beside the running bundle). */
export function loadTrackerFactory(kind: TrackerKind, dir: string = path.join(__dirname, 'trackers')): TrackerFactory {
  const file = path.join(dir, `${kind}.js`);
  const loaded = createRequire(file)(file) as Partial<TrackerModule>;
  if (typeof loaded.createTracker !== 'function') throw new Error(`The ${kind} adapter (${file}) exports no createTracker.`);
  return loaded.createTracker;
}
