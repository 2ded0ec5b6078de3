/** The models of files (`metrics`, `model`): each file read and analysed as `check` does, within the same budget. */
import { pathToFileURL } from 'node:url';
import type { PostmortemModel } from '../../common/model';
import { DEFAULT_MAX_DOCUMENT_SIZE } from '../../server/src/service/index';
import type { CliContext } from '../context';
import { createAnalyzer } from '../pool';
import { collectTargets } from './files';
import type { InputProblem } from './report';
import { readTarget } from './run';
import { WorkspaceResolver } from './workspace';

export interface ModelOf {
  display: string;
  /** Null when the file is not a postmortem. */
  model: PostmortemModel | null;
}

/**
 * `namedArePostmortems`: a file named on the command line is read as a postmortem whatever its name (`metrics`, as
 * `check`); without it the globs decide for every file (`model`, which answers as the editor's `postmortem/model`).
 */
export async function loadModels(context: CliContext, paths: readonly string[], options: { config?: string; debug: boolean; budgetMs?: number; namedArePostmortems?: boolean }): Promise<{ models: ModelOf[]; problems: InputProblem[] }> {
  const problems: InputProblem[] = [];
  const fail = (message: string) => problems.push({ message, fails: true });
  const resolver = new WorkspaceResolver(context.cwd, options.config, fail);
  const targets = collectTargets(context.cwd, paths, fail);
  const analyzer = createAnalyzer({ workerScript: context.workerScript, budgetMs: options.budgetMs, debug: options.debug });
  const models: ModelOf[] = [];
  try {
    await Promise.all(targets.map(async (target) => {
      const read = readTarget(target, DEFAULT_MAX_DOCUMENT_SIZE);
      if ('message' in read) {
        problems.push(read);
        return;
      }
      const named = options.namedArePostmortems && target.explicit ? target.file : undefined;
      const scope = WorkspaceResolver.serviceScope(resolver.scopeFor(target.file), named);
      const outcome = await analyzer.analyze({ uri: pathToFileURL(target.file).href, text: read.text, scope, fix: false, model: true });
      if (!outcome.ok) problems.push({ path: target.display, message: `not read: ${outcome.message}`, fails: true });
      else models.push({ display: target.display, model: outcome.result.model ?? null });
    }));
  } finally {
    await analyzer.close();
  }
  models.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { models, problems };
}
