/**
 * What a CLI command may touch: the process's streams, environment and working folder, passed in so every
 * command runs the same way in a test (in-process, with captured streams) and from `dist/cli.js`.
 */
import type { Command } from 'commander';

export interface OutputStream {
  write(text: string): void;
  /** True on a terminal (colour, prompts). */
  isTTY?: boolean;
}

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface CliContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  /**
   * The script worker threads run for parallel analysis: `dist/cli.js` itself (see cli/pool.ts). Absent (in-process
   * tests), work runs on the calling thread.
   */
  workerScript?: string;
  /** Raises the exit code (it never goes down): 0 all well, 1 findings or failures, 2 usage error. */
  setExitCode(code: ExitCode): void;
}

export type ExitCode = 0 | 1 | 2;

/** A mistake in the command line itself (unknown option, missing argument): one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A user's mistake or an outside failure worth one clear line (a missing file, a missing token): exit 1, no stack. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(message: string, readonly exitCode: ExitCode = 1) {
    super(message);
  }
}

/** One sub-command: `register` adds it (options, help, action) to the program. */
export interface CliCommand {
  name: string;
  register(program: Command, context: CliContext): void;
}
