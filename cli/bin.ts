/**
 * Entry point of `dist/cli.js` (the `postmortem` bin): the real process behind `runCli`. The same file is the
 * analysis worker: started by the pool with `workerData`, it serves files instead (one self-contained file).
 */
import { isPoolWorker, runWorker } from './pool';
import { runCli } from './main';
import { tuneJitForBatch } from './jitTuning';

if (isPoolWorker()) {
  runWorker();
} else {
  tuneJitForBatch(process.env);
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    workerScript: __filename,
    setExitCode: () => {},
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`postmortem: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
