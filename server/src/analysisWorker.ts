/**
 * An analysis worker (node:worker_threads): parsing, the model, validation and the editing features of the
 * language service run here, so the server's main thread always answers the connection. The main thread
 * (analysisPool.ts) gives each job a time budget and terminates this worker when a job overruns it.
 *
 * The worker keeps the last text of each document it has seen, so a keystroke sends only what changed in version,
 * and its own language service (with its incremental parser's per-document state). Knows nothing of LSP or VS Code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ControlMessage, JobMessage, JobTypes, WorkerOptions, WorkerReply } from './analysisProtocol';
import { createPostmortemService } from './service/index';
import { readSchemaFile } from './schemaFiles';
import type { Logger } from './service/types';
import { errorText } from './safety';
import { DEFAULT_SETTINGS } from '../../common/settings';

const port = parentPort;
if (!port) throw new Error('analysisWorker must run as a worker thread');
const options = (workerData ?? {}) as WorkerOptions;

const post = (reply: WorkerReply): void => port.postMessage(reply);
const logger: Logger = {
  info: (message) => post({ type: 'log', level: 'info', message }),
  warn: (message) => post({ type: 'log', level: 'warn', message }),
  error: (message, error) => post({ type: 'log', level: 'error', message: error === undefined ? message : `${message}: ${errorText(error)}` }),
};

/** The folders of the job being run: schema files are read only inside them (or the extension's schemas/). */
let currentFolders: string[] = [];
const service = createPostmortemService({
  logger,
  readFile: (file) => readSchemaFile(file, { workspaceFolders: currentFolders, extensionRoot: options.extensionRoot }, logger),
});
const documents = new Map<string, TextDocument>();

function documentFor(job: JobMessage): TextDocument | undefined {
  if (job.text !== undefined) {
    const document = TextDocument.create(job.uri, 'markdown', job.version, job.text);
    documents.set(job.uri, document);
    return document;
  }
  const known = documents.get(job.uri);
  return known && known.version === job.version ? known : undefined;
}

/** The job names a version of the document this worker does not hold (it replaced one that did). */
class MissingText extends Error {}

function run(job: JobMessage): unknown {
  const document = documentFor(job);
  if (!document) throw new MissingText('text not held');
  currentFolders = job.scope.workspaceFolders;
  const scope = job.scope;
  switch (job.kind) {
    case 'analyze': {
      const a = service.analyze(document, scope);
      const summary: JobTypes['analyze']['result'] = { uri: a.uri, version: a.version, isPostmortem: a.isPostmortem, findings: a.findings };
      return summary;
    }
    case 'model':
      return service.getModel(document, scope);
    case 'completion':
      return service.getCompletions(document, (job.args as JobTypes['completion']['args']).position, scope);
    case 'hover':
      return service.getHover(document, (job.args as JobTypes['hover']['args']).position, scope);
    case 'codeActions': {
      const { range, diagnostics, only } = job.args as JobTypes['codeActions']['args'];
      return service.getCodeActions(document, range, diagnostics, only, scope);
    }
    case 'symbols':
      return service.getDocumentSymbols(document, scope);
    case 'folding':
      return service.getFoldingRanges(document, scope);
  }
}

port.on('message', (message: JobMessage | ControlMessage) => {
  if (message.type === 'forget') {
    documents.delete(message.uri);
    service.forget(message.uri);
    return;
  }
  if (message.type === 'invalidate') return service.invalidate();
  if (message.type === 'schemaFilesChanged') return service.schemaFilesChanged(message.files);
  try {
    const started = performance.now();
    const result = run(message);
    post({ type: 'result', id: message.id, result, ms: performance.now() - started });
  } catch (error) {
    if (error instanceof MissingText) return post({ type: 'failed', id: message.id, error: error.message, missingText: true });
    logger.error(`${message.kind} failed`, error);
    post({ type: 'failed', id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

// Compile the built-in schema and warm the parser now, so the first document this worker gets is answered quickly.
try {
  service.analyze(TextDocument.create('untitled:warm-up', 'markdown', 0, '---\ntype: postmortem\n---\n\n# Summary\n\nWarm-up.\n'), {
    settings: { ...DEFAULT_SETTINGS },
    workspaceFolders: [],
  });
  service.forget('untitled:warm-up');
} catch (error) {
  logger.error('warm-up failed', error);
}
post({ type: 'ready' });
