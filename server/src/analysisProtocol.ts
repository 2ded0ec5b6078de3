/**
 * Messages between the language server's main thread (analysisPool.ts) and its analysis workers
 * (analysisWorker.ts). Plain data only (structured clone); no LSP connection on either side of this file.
 */
import type { CompletionItem, CodeAction, DocumentSymbol, FoldingRange, Hover, Position, Range } from 'vscode-languageserver-types';
import type { PostmortemModel } from '../../common/model';
import type { CodeActionDiagnostic, DocumentScope } from './service/index';
import type { Finding } from './service/types';

/** What an analysis sends back: enough to publish diagnostics (the tree and model stay in the worker). */
export interface AnalysisSummary {
  uri: string;
  version: number;
  isPostmortem: boolean;
  findings: Finding[];
}

/** The jobs a worker runs, by kind: their arguments and results. */
export interface JobTypes {
  analyze: { args: null; result: AnalysisSummary };
  model: { args: null; result: PostmortemModel | null };
  completion: { args: { position: Position }; result: CompletionItem[] };
  hover: { args: { position: Position }; result: Hover | null };
  codeActions: { args: { range: Range; diagnostics: CodeActionDiagnostic[]; only: string[] | undefined }; result: CodeAction[] };
  symbols: { args: null; result: DocumentSymbol[] };
  folding: { args: null; result: FoldingRange[] };
}
export type JobKind = keyof JobTypes;

/** main -> worker: run a job on one version of a document. `text` is left out when the worker has that version. */
export interface JobMessage<K extends JobKind = JobKind> {
  type: 'job';
  id: number;
  kind: K;
  uri: string;
  version: number;
  text?: string;
  scope: DocumentScope;
  args: JobTypes[K]['args'];
}

/** main -> worker: cache maintenance, answered with nothing. */
export type ControlMessage =
  | { type: 'forget'; uri: string }
  | { type: 'invalidate' }
  | { type: 'schemaFilesChanged'; files: string[] };

/** worker -> main. `missingText`: the worker does not hold that version (it was replaced); send the text again. */
export type WorkerReply =
  /** `ms`: the job's time inside the worker (the rest of the round trip is the cost of the hop). */
  | { type: 'result'; id: number; result: unknown; ms: number }
  | { type: 'failed'; id: number; error: string; missingText?: boolean }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'ready' };

/** Worker options, passed as `workerData`. */
export interface WorkerOptions {
  /** The extension's root (its `schemas/` folder is always readable). */
  extensionRoot: string;
}
