/**
 * Loads the import engine's bundle (`dist/importers.js`, entry module.ts) by path when the editor's Import Timeline
 * runs. Only types come from the engine here, so code that imports this file does not bundle the engine.
 */
import { requireBundle } from '../requireBundle';
import type * as Importers from './module';

export type ImporterModule = typeof Importers;

/** Every export, checked on load; a record so that an export added to module.ts and not listed here fails typecheck. */
const EXPORTS: Record<keyof ImporterModule, true> = {
  listSlackChannels: true, loadEntries: true, documentZone: true, planMerge: true, wallTime: true, responders: true, selectEntries: true,
  defaultWindow: true, isImportError: true,
};

/** `dir`: where `importers.js` is (default: beside the running bundle). */
export function loadImporters(dir?: string): ImporterModule {
  return requireBundle<ImporterModule>('importers.js', Object.keys(EXPORTS) as (keyof ImporterModule)[], dir);
}
