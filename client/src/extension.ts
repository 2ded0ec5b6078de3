/**
 * Entry point of the Postmortem extension (bundled to dist/client.js).
 * Starts the language client, the commands, CodeLens, the status bar / context key and the timeline preview,
 * and returns an API object the in-VS Code tests use.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PostmortemModel } from '../../common/model';
import type { ModelChangedParams } from '../../common/protocol';
import { PostmortemCodeLensProvider } from './codeLens';
import { registerCommands } from './commands';
import { createLanguageClient, type PostmortemClient } from './languageClient';
import { registerPreview } from './preview/index';
import type { StatusBarView } from './format';
import { PostmortemStatus } from './statusBar';

export interface PostmortemApi {
  client: LanguageClient;
  /** Resolves when the language server is up. */
  ready: Promise<void>;
  getModel(uri: vscode.Uri): Promise<PostmortemModel | null>;
  onModelChanged: vscode.Event<ModelChangedParams>;
  /** What the status bar item shows right now (read-only; VS Code cannot read a status bar item back). */
  statusBar(): StatusBarView;
}

let current: PostmortemClient | undefined;

export function activate(context: vscode.ExtensionContext): PostmortemApi {
  const output = vscode.window.createOutputChannel('Postmortem');
  context.subscriptions.push(output);

  const lc = createLanguageClient(context, output);
  current = lc;
  const deps = { context, output, getModel: lc.getModel, onModelChanged: lc.onModelChanged };

  registerCommands(deps);

  const lenses = new PostmortemCodeLensProvider(lc.getModel, lc.onModelChanged);
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeLensProvider(
      [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'untitled', language: 'markdown' },
      ],
      lenses,
    ),
  );

  const status = new PostmortemStatus(lc.getModel, lc.onModelChanged);
  context.subscriptions.push(status);
  // The first refresh may have run before the server was up.
  lc.ready.then(() => status.refresh(), () => undefined);

  registerPreview(context, { getModel: lc.getModel, onModelChanged: lc.onModelChanged });

  return { client: lc.client, ready: lc.ready, getModel: lc.getModel, onModelChanged: lc.onModelChanged, statusBar: () => status.current };
}

export async function deactivate(): Promise<void> {
  const lc = current;
  current = undefined;
  if (lc && lc.client.needsStop()) await lc.client.stop();
}
