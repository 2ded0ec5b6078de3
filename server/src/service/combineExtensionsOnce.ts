/**
 * micromark's `parse()` combines its default constructs with the extensions (GFM, frontmatter) on every call, and
 * the incremental parser calls it once per piece: on a 6 KB postmortem that was about 7% of the whole analysis, and a
 * good share of its garbage. The bundles (scripts/esbuildPlugins.mjs) route micromark's import of
 * `micromark-util-combine-extensions` here, which combines each list of extensions once and hands the same result back
 * afterwards. micromark only reads the combined constructs (`parser.constructs`), so sharing it is safe; the lists
 * are compared by the identity of their members, which are the same module objects on every call.
 *
 * Sources run by the test suites (tsx) import micromark unbundled and combine on every call: the same result, slower.
 */
import { combineExtensions as combine, combineHtmlExtensions } from 'micromark-util-combine-extensions';

type Extensions = Parameters<typeof combine>[0];
type Combined = ReturnType<typeof combine>;

/**
 * Distinct lists kept: the parser's four processors (with or without frontmatter, with or without literal autolinks)
 * plus the few lists combined once while extensions are built; past this, lists are combined without being kept.
 */
const MAX_KEPT = 32;
const kept: Array<{ extensions: readonly unknown[]; combined: Combined }> = [];

export function combineExtensions(extensions: Extensions): Combined {
  for (const entry of kept) {
    if (entry.extensions.length === extensions.length && entry.extensions.every((e, i) => e === extensions[i])) return entry.combined;
  }
  const combined = combine(extensions);
  if (kept.length < MAX_KEPT) kept.push({ extensions: [...extensions], combined });
  return combined;
}

export { combineHtmlExtensions };
