/**
 * The `postmortem` command line: argument parsing (commander) and error handling shared by every command.
 * `runCli` never calls process.exit and never throws: it returns the exit code (0/1/2).
 */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index';
import { UsageError, UserError, type CliContext, type ExitCode } from './context';
import { VERSION } from './version';

export { VERSION };

export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  let code: ExitCode = 0;
  const ctx: CliContext = {
    ...context,
    setExitCode: (c) => {
      if (c > code) code = c;
      context.setExitCode(c);
    },
  };
  const debug = argv.includes('--debug');
  const program = new Command('postmortem')
    .description('Check, fix and measure blameless postmortems written in Markdown; turn action items into tickets.')
    .version(VERSION, '-v, --version')
    .option('--debug', 'show stack traces for unexpected errors')
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  for (const command of COMMANDS) command.register(program, ctx);
  const overrideExit = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(overrideExit);
  };
  program.commands.forEach(overrideExit);
  try {
    await program.parseAsync(['node', 'postmortem', ...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with a CommanderError of exit code 0.
      if (error.exitCode === 0) return code;
      ctx.setExitCode(2);
      return code;
    }
    if (error instanceof UsageError) {
      ctx.stderr.write(`postmortem: ${error.message}\n(add --help for usage)\n`);
      ctx.setExitCode(2);
    } else if (error instanceof UserError) {
      ctx.stderr.write(`postmortem: ${error.message}\n`);
      ctx.setExitCode(error.exitCode);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      ctx.stderr.write(`postmortem: unexpected error: ${message}\n`);
      if (debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
      else ctx.stderr.write('(run again with --debug for details)\n');
      ctx.setExitCode(2);
    }
  }
  return code;
}
