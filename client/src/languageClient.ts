/**
 * The language client: runs dist/server.js over IPC for Markdown documents, relays `postmortem/modelChanged`
 * and answers `getModel` through `postmortem/model`, one request per (uri, version) (modelCache.ts). Restarts the server when the workspace becomes trusted
 * (custom schemas load only then). Watches schema files (every `*.schema.json` and the configured `postmortem.schema`,
 * re-watched when the setting changes) and sends `workspace/didChangeWatchedFiles`, so editing a team's schema
 * re-validates open postmortems at once.
 */
import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { PostmortemModel } from '../../common/model';
import { schemaWatchPatterns } from './schemaWatch';
import { ModelCache } from './modelCache';
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
  const schemaWatcher = vscode.workspace.createFileSystemWatcher('**/*.schema.json');
  context.subscriptions.push(schemaWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: {
      configurationSection: 'postmortem',
      // Schema files by naming convention; the configured path is watched below (it can change at runtime).
      fileEvents: schemaWatcher,
    },
    // A function: evaluated at each (re)start, so a restart after trust is granted sends `trusted: true`.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    traceOutputChannel: output,
  };
  const client = new LanguageClient('postmortem', 'Postmortem', serverOptions, clientOptions);

  const changed = new vscode.EventEmitter<ModelChangedParams>();
  context.subscriptions.push(changed);
  const models = new ModelCache<PostmortemModel>(async (uri) => {
    await current;
    if (!client.isRunning()) return null;
    return client.sendRequest(ModelRequest, { uri });
  });
  // Registered before start: the client keeps notification handlers across restarts.
  context.subscriptions.push(client.onNotification(ModelChangedNotification, (params) => {
    models.forget(params.uri);
    changed.fire(params);
  }));
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => models.forget(d.uri.toString())));

  let current: Promise<void> = client.start().catch((err: unknown) => {
    output.appendLine(`Postmortem language server failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    throw err;
  });
  const ready = current;

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('Workspace trusted: restarting the Postmortem language server.');
      models.clear();
      current = current.catch(() => undefined).then(() => client.restart());
      current.catch((err: unknown) => output.appendLine(`Restart failed: ${String(err)}`));
    }),
  );

  // The configured schema (any name, possibly outside the workspace): its own watchers, renewed with the setting.
  let configured: vscode.Disposable[] = [];
  const watchConfiguredSchema = () => {
    for (const d of configured) d.dispose();
    configured = [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    const patterns = folders.length
      ? folders.flatMap((f) => schemaWatchPatterns(vscode.workspace.getConfiguration('postmortem', f.uri).get<string>('schema', ''), [f.uri.fsPath]))
      : schemaWatchPatterns(vscode.workspace.getConfiguration('postmortem').get<string>('schema', ''), []);
    const seen = new Set<string>();
    for (const { base, pattern } of patterns) {
      if (pattern.endsWith('.schema.json') || seen.has(`${base}\u0000${pattern}`)) continue; // *.schema.json: watched already
      seen.add(`${base}\u0000${pattern}`);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(base), pattern));
      const send = (type: FileChangeType) => (uri: vscode.Uri) => {
        if (!client.isRunning()) return;
        void client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri.toString(), type }] })
          .catch((err: unknown) => output.appendLine(`didChangeWatchedFiles failed: ${String(err)}`));
      };
      configured.push(
        watcher,
        watcher.onDidCreate(send(FileChangeType.Created)),
        watcher.onDidChange(send(FileChangeType.Changed)),
        watcher.onDidDelete(send(FileChangeType.Deleted)),
      );
    }
  };
  watchConfiguredSchema();
  context.subscriptions.push(
    { dispose: () => configured.forEach((d) => d.dispose()) },
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('postmortem.schema')) watchConfiguredSchema(); }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => watchConfiguredSchema()),
  );

  /** The server's model of the document at its current version: one request per (uri, version), however many ask. */
  async function getModel(uri: vscode.Uri): Promise<PostmortemModel | null> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    try {
      return await models.get(key, open?.version);
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
