// esbuild plugins shared by the build and the benches.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const COMBINE_ONCE = path.join(root, 'server/src/service/combineExtensionsOnce.ts');

/**
 * micromark combines its constructs with the extensions on every parse; the language service parses a document in
 * pieces, so the bundles route micromark's `micromark-util-combine-extensions` through a version that combines each
 * list once (server/src/service/combineExtensionsOnce.ts says why that is safe).
 */
export const combineExtensionsOnce = {
  name: 'combine-extensions-once',
  setup(build) {
    build.onResolve({ filter: /^micromark-util-combine-extensions$/ }, (args) =>
      args.importer === COMBINE_ONCE ? undefined : { path: COMBINE_ONCE });
  },
};
