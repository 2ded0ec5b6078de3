/**
 * The postmortem language server (vscode-languageserver 9, stdio/IPC as the client chooses).
 *
 * It wires the language service (server/src/service) to LSP: documents with incremental sync,
 * diagnostics published on open/change, completion, hover, code actions, outline, folding and the
 * `postmortem/model` request. Every handler runs through `guard`: an exception is logged and an
 * empty answer sent, the server keeps running.
 *
 * Workspace trust arrives once, in initializationOptions `{ trusted: boolean }`. There is no
 * notification for it: when the user grants trust the client restarts the server, which is
 * simpler and leaves no window where a half-trusted server loads workspace schemas.
 */
import fs from 'node:fs';
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
import { DocumentPipeline, type WorkspaceState } from './documents';
import { guard, guardVoid, installProcessHandlers, errorText } from './safety';
import { createPostmortemService } from './service/index';
import type { Logger } from './service/types';

/** Schema files larger than this are not read (a schema is a few KB). */
const MAX_SCHEMA_FILE = 2 * 1024 * 1024;

const connection = createConnection(ProposedFeatures.all);

const logger: Logger = {
  info: (message) => connection.console.info(message),
  warn: (message) => connection.console.warn(message),
  error: (message, error) => connection.console.error(error === undefined ? message : `${message}: ${errorText(error)}`),
};
installProcessHandlers(logger);

function readFile(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_SCHEMA_FILE) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const documents = new TextDocuments(TextDocument);
const service = createPostmortemService({ logger, readFile });
const workspace: WorkspaceState = { folders: [], trusted: true, canPullConfiguration: false };
const pipeline = new DocumentPipeline(connection, documents, service, workspace, logger);
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
    const document = documents.get(params.uri);
    if (!document) return null;
    const model = service.getModel(document, await pipeline.scopeFor(document.uri));
    return model && model.isPostmortem ? model : null;
  }),
);

connection.onCompletion(
  guard(logger, 'completion', () => [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return service.getCompletions(document, params.position, await pipeline.scopeFor(document.uri));
  }),
);

connection.onHover(
  guard(logger, 'hover', () => null, async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return service.getHover(document, params.position, await pipeline.scopeFor(document.uri));
  }),
);

connection.onCodeAction(
  guard(logger, 'codeAction', () => [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const scope = await pipeline.scopeFor(document.uri);
    return service.getCodeActions(document, params.range, params.context.diagnostics, params.context.only, scope);
  }),
);

connection.onDocumentSymbol(
  guard(logger, 'documentSymbol', () => [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return service.getDocumentSymbols(document, await pipeline.scopeFor(document.uri));
  }),
);

connection.onFoldingRanges(
  guard(logger, 'foldingRange', () => [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return service.getFoldingRanges(document, await pipeline.scopeFor(document.uri));
  }),
);

documents.listen(connection);
connection.listen();
