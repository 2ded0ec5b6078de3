/**
 * V8's optimising compiler, tuned for a batch run. Profiles of `postmortem check` over 1,000 postmortems showed a
 * third of all CPU time in TurboFan compiling (mostly escape analysis and inlining of micromark's and
 * mdast-util-from-markdown's large functions), paid again in every worker thread, since each thread is its own
 * isolate. A run of a few seconds does not earn that back: with later tier-up, no escape analysis and no inlining the
 * same run takes about a quarter less time, and long runs (10,000 files) measured within noise of V8's defaults
 * (see README "Speed, measured").
 *
 * The flags are V8's own and process-wide: set on the main thread before any worker starts, they hold for the
 * workers' isolates too. The language server does not use them: its workers live long and serve keystrokes.
 */
import v8 from 'node:v8';

export const BATCH_V8_FLAGS = ['--interrupt-budget=300000', '--no-turbo-escape', '--no-turbo-inlining'] as const;

/** Applies BATCH_V8_FLAGS unless `POSTMORTEM_V8_DEFAULTS` is set (to measure or rule them out). */
export function tuneJitForBatch(env: Record<string, string | undefined>): void {
  if (env.POSTMORTEM_V8_DEFAULTS) return;
  v8.setFlagsFromString(BATCH_V8_FLAGS.join(' '));
}
