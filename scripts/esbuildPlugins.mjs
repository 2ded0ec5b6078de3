// esbuild plugins shared by the build and the benches.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Real paths: the root may be reached through a symbolic link, and the shim must not be routed to itself.
const COMBINE_ONCE = fs.realpathSync(path.join(root, 'server/src/service/combineExtensionsOnce.ts'));

/**
 * micromark combines its constructs with the extensions on every parse; the language service parses a document in
 * pieces, so the bundles route micromark's `micromark-util-combine-extensions` through a version that combines each
 * list once (server/src/service/combineExtensionsOnce.ts says why that is safe).
 */
export const combineExtensionsOnce = {
  name: 'combine-extensions-once',
  setup(build) {
    build.onResolve({ filter: /^micromark-util-combine-extensions$/ }, (args) =>
      safeRealpath(args.importer) === COMBINE_ONCE ? undefined : { path: COMBINE_ONCE });
  },
};

function safeRealpath(file) {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * The `postmortem` bin (dist/cli.js) must be executable for `npx postmortem`: npm makes a bin executable when it
 * installs the package, but in a checkout the file is built after `npm ci`, so the build sets the mode itself.
 */
export function executable(file) {
  return {
    name: 'executable',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length === 0 && fs.existsSync(file)) fs.chmodSync(file, 0o755);
      });
    },
  };
}
