/**
 * Loads a tracker's adapter only when it is used. Each adapter is its own bundle, `dist/trackers/<kind>.js`
 * (scripts/build.mjs), beside the bundle that loads it (dist/client.js, dist/cli.js), and is required by path at
 * run time (core/requireBundle.ts): the Linear SDK and the other clients never load at activation, nor for a tracker
 * nobody uses.
 */
import path from 'node:path';
import { requireBundle } from '../requireBundle';
import type { TrackerFactory, TrackerKind, TrackerModule } from './types';

/** `dir`: where the adapter bundles are (default: `trackers/` beside the running bundle). */
export function loadTrackerFactory(kind: TrackerKind, dir: string = path.join(__dirname, 'trackers')): TrackerFactory {
  try {
    return requireBundle<TrackerModule>(`${kind}.js`, ['createTracker'], dir).createTracker;
  } catch (err) {
    throw new Error(`The ${kind} adapter: ${err instanceof Error ? err.message : String(err)}`);
  }
}
