/**
 * The language client: runs dist/server.js over IPC for Markdown documents, relays `postmortem/modelChanged`
 * and answers `getModel` through `postmortem/model`. Restarts the server when the workspace becomes trusted
 * (custom schemas load only then).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { PostmortemModel } from '../../common/model';
import { ModelChangedNotification, ModelRequest, type ModelChangedParams } from '../../common/protocol';

export interface PostmortemClient {
  client: LanguageClient;
  /** Resolves once the server answered `initialize` (and again after each restart, see `whenReady`). */
  ready: Promise<void>;
  /** Waits for the current (re)start, then resolves. */
  whenReady(): Promise<void>;
  getModel(uri: vscode.Uri): Promise<PostmortemModel | null>;
  onModelChanged: vscode.Event<ModelChangedParams>;
}

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): PostmortemClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'postmortem' },
    // A function: evaluated at each (re)start, so a restart after trust is granted sends `trusted: true`.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    traceOutputChannel: output,
  };
  const client = new LanguageClient('postmortem', 'Postmortem', serverOptions, clientOptions);

  const changed = new vscode.EventEmitter<ModelChangedParams>();
  context.subscriptions.push(changed);
  // Registered before start: the client keeps notification handlers across restarts.
  context.subscriptions.push(client.onNotification(ModelChangedNotification, (params) => changed.fire(params)));

  let current: Promise<void> = client.start().catch((err: unknown) => {
    output.appendLine(`Postmortem language server failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    throw err;
  });
  const ready = current;

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('Workspace trusted: restarting the Postmortem language server.');
      current = current.catch(() => undefined).then(() => client.restart());
      current.catch((err: unknown) => output.appendLine(`Restart failed: ${String(err)}`));
    }),
  );

  async function getModel(uri: vscode.Uri): Promise<PostmortemModel | null> {
    try {
      await current;
      if (!client.isRunning()) return null;
      return await client.sendRequest(ModelRequest, { uri: uri.toString() });
    } catch (err) {
      output.appendLine(`postmortem/model failed for ${uri.toString()}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  return {
    client,
    ready,
    whenReady: () => current,
    getModel,
    onModelChanged: changed.event,
  };
}
