/** Entry point of `dist/cli.js` (the `postmortem` bin): the real process behind `runCli`. */
import { runCli } from './main';

let exitCode = 0;
runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  setExitCode: (c) => {
    if (c > exitCode) exitCode = c;
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`postmortem: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
