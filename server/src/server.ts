/**
 * The postmortem language server (vscode-languageserver 9, stdio/IPC as the client chooses).
 *
 * It wires the language service (server/src/service) to LSP: documents with incremental sync,
 * diagnostics published on open/change, completion, hover, code actions, outline, folding and the
 * `postmortem/model` request. The service itself runs in worker threads (analysisPool.ts, analysisWorker.ts)
 * with a time budget per job, so this thread always answers and one slow document never holds up another.
 * Every handler runs through `guard`: an exception is logged and an empty answer sent, the server keeps running.
 *
 * Workspace trust arrives once, in initializationOptions `{ trusted: boolean }`. There is no
 * notification for it: when the user grants trust the client restarts the server, which is
 * simpler and leaves no window where a half-trusted server loads workspace schemas.
 */
import path from 'node:path';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKinds, ModelRequest } from '../../common/protocol';
import { AnalysisPool } from './analysisPool';
import { versionedCodeActions } from './codeActionEdits';
import { DocumentPipeline, type WorkspaceState } from './documents';
import { guard, guardVoid, installProcessHandlers, errorText } from './safety';
import type { Logger } from './service/types';

const connection = createConnection(ProposedFeatures.all);

const logger: Logger = {
  info: (message) => connection.console.info(message),
  warn: (message) => connection.console.warn(message),
  error: (message, error) => connection.console.error(error === undefined ? message : `${message}: ${errorText(error)}`),
};
installProcessHandlers(logger);

const documents = new TextDocuments(TextDocument);
// dist/server.js and dist/analysisWorker.js sit side by side; the extension's root (with schemas/) is one up.
const pool = new AnalysisPool({
  workerFile: path.join(__dirname, 'analysisWorker.js'),
  workerData: { extensionRoot: path.dirname(__dirname) },
  logger,
});
const workspace: WorkspaceState = { folders: [], trusted: true, canPullConfiguration: false };
const pipeline = new DocumentPipeline(connection, documents, pool, workspace, logger);
let canRegisterConfigurationChange = false;
let hasWorkspaceFolderEvents = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as { trusted?: unknown; settings?: unknown };
  // Absent means a client without a notion of trust (not VS Code): treat as trusted.
  workspace.trusted = options.trusted !== false;
  workspace.initialSettings = options.settings;
  workspace.folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const caps = params.capabilities;
  workspace.canPullConfiguration = caps.workspace?.configuration === true;
  canRegisterConfigurationChange = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  hasWorkspaceFolderEvents = caps.workspace?.workspaceFolders === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['#', ':', '@', ' ', '|', '('], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKinds.sortTimeline, CodeActionKinds.fixAll],
        resolveProvider: false,
      },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      workspace: hasWorkspaceFolderEvents ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
    },
    serverInfo: { name: 'postmortem-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(
  guardVoid(logger, 'initialized', async () => {
    if (canRegisterConfigurationChange) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'postmortem' });
    }
    if (hasWorkspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guardVoid(logger, 'workspaceFolders', (event) => {
          const removed = new Set(event.removed.map((f) => f.uri));
          workspace.folders = [...workspace.folders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
          pipeline.refreshAll();
        }),
      );
    }
    logger.info(`postmortem server ready (trusted: ${workspace.trusted}, folders: ${workspace.folders.length})`);
  }),
);

connection.onDidChangeConfiguration(guardVoid(logger, 'didChangeConfiguration', () => pipeline.refreshAll()));

// The client watches schema files (`**/*.schema.json` and the configured `postmortem.schema`): a team's schema
// edited on disk re-validates the open postmortems without waiting for them to change.
connection.onDidChangeWatchedFiles(
  guardVoid(logger, 'didChangeWatchedFiles', (params) => pipeline.schemaFilesChanged(params.changes.map((c) => c.uri))),
);

documents.onDidChangeContent(guardVoid(logger, 'didChangeContent', (event) => pipeline.schedule(event.document.uri)));
documents.onDidClose(guardVoid(logger, 'didClose', (event) => pipeline.close(event.document.uri)));

connection.onRequest(
  ModelRequest,
  guard(logger, 'postmortem/model', () => null, async (params) => {
    const model = await pipeline.model(params.uri);
    return model && model.isPostmortem ? model : null;
  }),
);

connection.onCompletion(
  guard(logger, 'completion', () => [], (params) => pipeline.feature(params.textDocument.uri, 'completion', { position: params.position }, [])),
);

connection.onHover(guard(logger, 'hover', () => null, (params) => pipeline.feature(params.textDocument.uri, 'hover', { position: params.position }, null)));

connection.onCodeAction(
  guard(logger, 'codeAction', () => [], async (params) => {
    const uri = params.textDocument.uri;
    const args = { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only };
    const { result, version } = await pipeline.featureAt(uri, 'codeActions', args, []);
    // Edits carry the version they were computed for: applied after the user typed on, the client refuses them.
    return version === undefined ? [] : versionedCodeActions(result, uri, version);
  }),
);

connection.onDocumentSymbol(guard(logger, 'documentSymbol', () => [], (params) => pipeline.feature(params.textDocument.uri, 'symbols', null, [])));

connection.onFoldingRanges(guard(logger, 'foldingRange', () => [], (params) => pipeline.feature(params.textDocument.uri, 'folding', null, [])));

connection.onShutdown(() => {
  logger.info(pool.hopSummary());
  return pool.dispose();
});

documents.listen(connection);
connection.listen();
