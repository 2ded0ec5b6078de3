/** `postmortem model FILE`: the document's model as JSON, exactly what the server's `postmortem/model` returns. */
import type { Command } from 'commander';
import { UserError, type CliCommand, type CliContext } from '../context';
import { loadModels } from '../check/models';

export const modelCommand: CliCommand = {
  name: 'model',
  register(program: Command, context: CliContext) {
    program
      .command('model')
      .description('print the model the language service reads from a postmortem, as JSON (null when the file is not one)')
      .argument('<file>', 'a Markdown file')
      .option('-c, --config <file>', 'settings file to use instead of the folder\'s .vscode/settings.json')
      .action(async (file: string, flags: { config?: string }, command: Command) => {
        const debug = command.optsWithGlobals<{ debug?: boolean }>().debug === true;
        const { models, problems } = await loadModels(context, [file], { config: flags.config, debug });
        const failure = problems.find((p) => p.fails) ?? problems[0];
        if (failure && models.length === 0) throw new UserError(`${failure.path ? `${failure.path}: ` : ''}${failure.message}`);
        for (const p of problems) context.stderr.write(`postmortem: ${p.path ? `${p.path}: ` : ''}${p.message}\n`);
        if (models.length !== 1) throw new UserError(`${file}: give one file, not a folder or a pattern`);
        context.stdout.write(`${JSON.stringify(models[0]!.model, null, 2)}\n`);
        context.setExitCode(problems.some((p) => p.fails) ? 1 : 0);
      });
  },
};
