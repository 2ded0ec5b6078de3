/**
 * The `postmortem.tickets.*` settings of a document's workspace folder, as the engine's tracker config. GitHub's
 * repository defaults to the work tree's git remote. Tokens are never settings (see credentials.ts).
 */
import * as vscode from 'vscode';
import { gitRemoteOf, documentUrlOf } from '../../../core/trackers/gitRemote';
import type { CarryOptions, TicketOptions } from '../../../core/trackers/plan';
import { TRACKER_KINDS, type TrackerConfig, type TrackerKind } from '../../../core/trackers/types';

export interface TicketSettings {
  options: TicketOptions;
  /** What is missing before anything can be sent (no repository, no project...), as a sentence. */
  problem?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function ticketSettings(uri: vscode.Uri): TicketSettings {
  const c = vscode.workspace.getConfiguration('postmortem.tickets', uri);
  const kindSetting = c.get<string>('tracker', 'github');
  const kind: TrackerKind = (TRACKER_KINDS as readonly string[]).includes(kindSetting) ? (kindSetting as TrackerKind) : 'github';
  const config: TrackerConfig = { kind, labels: (c.get<unknown[]>('labels', []) ?? []).filter((l): l is string => typeof l === 'string') };
  const apiUrl = str(c.get('apiUrl'));
  if (apiUrl) config.apiUrl = apiUrl;
  const issueType = str(c.get('issueType'));
  if (issueType) config.issueType = issueType;
  const users = c.get<Record<string, unknown>>('users', {}) ?? {};
  config.users = Object.fromEntries(Object.entries(users).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const remote = uri.scheme === 'file' ? gitRemoteOf(uri.fsPath) : undefined;
  let problem: string | undefined;
  if (kind === 'github') {
    const repo = str(c.get('repository')) ?? remote?.repo;
    if (repo) config.repo = repo;
    else problem = 'Set `postmortem.tickets.repository` (OWNER/NAME): the workspace has no git remote to take it from.';
  } else if (kind === 'linear') {
    const team = str(c.get('team'));
    if (team) config.team = team;
    else problem = 'Set `postmortem.tickets.team` to the Linear team key.';
  } else {
    const project = str(c.get('project'));
    if (project) config.project = project;
    else problem = `Set \`postmortem.tickets.project\` to the ${kind === 'jira' ? 'Jira project key' : 'GitLab project (group/project)'}.`;
  }
  const carry = c.get<Partial<CarryOptions>>('carry', {}) ?? {};
  const options: TicketOptions = { config, carry };
  const documentUrl = remote && uri.scheme === 'file' ? documentUrlOf(remote, uri.fsPath) : undefined;
  if (documentUrl) options.documentUrl = documentUrl;
  return problem ? { options, problem } : { options };
}
