/**
 * Credentials for the trackers, never from settings: GitHub through VS Code's built-in GitHub authentication
 * (no token to paste), the others from SecretStorage, set by "Postmortem: Set Tracker Token".
 */
import * as vscode from 'vscode';
import type { TrackerConfig, TrackerCredentials, TrackerKind } from '../../../core/trackers/types';

export const secretKey = (kind: TrackerKind): string => `postmortem.tickets.token.${kind}`;
export const GITHUB_SCOPES = ['repo'];

/** `github` for github.com, `github-enterprise` for a GitHub Enterprise Server at another host. */
function githubProvider(config: TrackerConfig): string {
  if (!config.apiUrl) return 'github';
  try {
    return /(^|\.)github\.com$/i.test(new URL(config.apiUrl).hostname) ? 'github' : 'github-enterprise';
  } catch {
    return 'github';
  }
}

/** Undefined when the user declined to sign in or no token is stored (the caller says what to do). */
export async function credentialsFor(context: vscode.ExtensionContext, config: TrackerConfig, signInAgain = false): Promise<TrackerCredentials | undefined> {
  if (config.kind === 'github') {
    const session = await vscode.authentication.getSession(githubProvider(config), GITHUB_SCOPES, signInAgain ? { forceNewSession: true } : { createIfNone: true });
    return session ? { token: session.accessToken } : undefined;
  }
  const stored = await context.secrets.get(secretKey(config.kind));
  if (!stored) return undefined;
  try {
    const parsed = JSON.parse(stored) as Partial<TrackerCredentials>;
    return typeof parsed.token === 'string' && parsed.token ? { token: parsed.token, ...(parsed.email ? { email: parsed.email } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

const TRACKER_NAMES: Record<Exclude<TrackerKind, 'github'>, string> = { gitlab: 'GitLab', jira: 'Jira', linear: 'Linear' };

/** "Postmortem: Set Tracker Token": asks for a tracker's token (password box) and keeps it in SecretStorage. */
export async function setTrackerToken(context: vscode.ExtensionContext, kindArg?: unknown): Promise<boolean> {
  const kinds = Object.keys(TRACKER_NAMES) as Exclude<TrackerKind, 'github'>[];
  let kind = kinds.find((k) => k === kindArg);
  if (!kind) {
    const pick = await vscode.window.showQuickPick(kinds.map((k) => ({ label: TRACKER_NAMES[k], tracker: k })), {
      title: 'Set Tracker Token', placeHolder: 'Which tracker? (GitHub uses VS Code\'s GitHub sign-in instead)', ignoreFocusOut: true,
    });
    if (!pick) return false;
    kind = pick.tracker;
  }
  const chosen: Exclude<TrackerKind, 'github'> = kind;
  const name = TRACKER_NAMES[chosen];
  let email: string | undefined;
  if (chosen === 'jira') {
    email = await vscode.window.showInputBox({
      title: 'Jira account email', prompt: 'Jira Cloud: the account\'s email (with an API token). Data Center: leave empty (personal access token).', ignoreFocusOut: true,
    });
    if (email === undefined) return false;
    email = email.trim() || undefined;
  }
  const prompts: Record<Exclude<TrackerKind, 'github'>, string> = {
    gitlab: 'A GitLab personal access token with the `api` scope',
    jira: email ? 'A Jira Cloud API token (id.atlassian.com → Security → API tokens)' : 'A Jira Data Center personal access token',
    linear: 'A Linear personal API key (Settings → Security & access)',
  };
  const token = await vscode.window.showInputBox({ title: `${name} token`, prompt: prompts[chosen], password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'The token is empty.') });
  if (!token) return false;
  await context.secrets.store(secretKey(chosen), JSON.stringify({ token: token.trim(), ...(email ? { email } : {}) }));
  void vscode.window.showInformationMessage(`Postmortem: the ${name} token is stored in VS Code's secret storage.`);
  return true;
}
