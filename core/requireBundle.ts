/**
 * Loads one of the extension's own bundles by path at run time. Heavy engines that only a command needs are built as
 * their own bundle beside the one that loads them (scripts/build.mjs), so activation never loads their libraries.
 * Generic on purpose: the import engine (core/importers/bundle.ts) uses it, and the tracker adapters' loader
 * (core/trackers/load.ts on the tickets branch) can be written on it when both are merged.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The module `file` (relative to `dir`, by default the directory of the running bundle, `dist/`) exports, after
 * checking that it has the functions named in `functions`; an Error naming the file and what is missing otherwise.
 */
export function requireBundle<T extends object>(file: string, functions: readonly (keyof T & string)[], dir: string = __dirname): T {
  const abs = path.resolve(dir, file);
  let loaded: Record<string, unknown>;
  try {
    loaded = createRequire(abs)(abs) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${abs} could not be loaded (${err instanceof Error ? err.message : String(err)})`);
  }
  const missing = functions.filter((name) => typeof loaded[name] !== 'function');
  if (missing.length) throw new Error(`${abs} exports no ${missing.join(', ')}`);
  return loaded as T;
}
