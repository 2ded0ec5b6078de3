/**
 * What the editor uses of the import engine, and the entry of its own bundle `dist/importers.js` (scripts/build.mjs).
 * The client loads it only when Import Timeline runs (bundle.ts), so turndown, domino and yauzl stay out of
 * `dist/client.js` and out of activation. The CLI imports the engine's modules directly into its single file.
 */
import { ImportError } from './types';

export { listSlackChannels, loadEntries } from './load';
export { documentZone, planMerge } from './merge';
export { wallTime } from './render';
export { responders, selectEntries } from './select';
export { defaultWindow } from './window';

/** By name as well as class: the client checks errors thrown inside this bundle, whose ImportError class it does not share. */
export function isImportError(err: unknown): err is ImportError {
  return err instanceof ImportError || (err instanceof Error && err.name === 'ImportError' && typeof (err as ImportError).code === 'string');
}
