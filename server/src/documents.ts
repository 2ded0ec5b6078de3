/**
 * Turning open documents into published diagnostics: per-document settings (pulled with
 * workspace/configuration), analysis in the worker pool (analysisPool.ts), Finding -> Diagnostic, and the
 * `postmortem/modelChanged` notification after each publish. The editing features also run in the pool
 * through `feature`, which answers the handler's empty result when the worker cannot.
 *
 * No debounce: an analysis is scheduled on the next turn of the event loop after a change, so
 * changes already queued on the connection are applied first and only the newest version is
 * analysed; a result whose version is no longer the document's is never published.
 *
 * Budget: a job past `postmortem.analysis.timeBudgetMs` ends in one `analysis-timeout` diagnostic; the same text
 * is not analysed again (nor are its features asked for) until it changes or the budget is raised.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, ModelChangedNotification } from '../../common/protocol';
import type { PostmortemSettings } from '../../common/settings';
import type { PostmortemModel } from '../../common/model';
import type { JobKind, JobTypes } from './analysisProtocol';
import type { AnalysisPool } from './analysisPool';
import type { DocumentScope } from './service/index';
import type { Code } from './service/codes';
import type { Finding, FindingSeverity, Logger } from './service/types';
import { toSettings } from './settings';

/** Where each rule is documented: the README's section on the rule's code. */
export const RULES_DOC_URL = 'https://github.com/postmortem-tools/postmortem/blob/main/README.md';

const SEVERITY: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  const d: Diagnostic = {
    range: finding.range,
    message: finding.message,
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    codeDescription: { href: `${RULES_DOC_URL}#${finding.code}` },
  };
  if (finding.data !== undefined) d.data = finding.data;
  return d;
}

export interface WorkspaceState {
  /** Workspace folder URIs. */
  folders: string[];
  trusted: boolean;
  /** Whether the client answers workspace/configuration. */
  canPullConfiguration: boolean;
  /** Settings from initializationOptions, for clients that cannot be asked. */
  initialSettings?: unknown;
}

/** Code of the diagnostic a document gets when its analysis overran the time budget. */
export const ANALYSIS_TIMEOUT_CODE = 'analysis-timeout' satisfies Code;

export function timeoutFinding(budgetMs: number): Finding {
  return {
    code: ANALYSIS_TIMEOUT_CODE,
    severity: 'warning',
    message: `Postmortem stopped analysing this document: it took longer than ${budgetMs} ms (setting postmortem.analysis.timeBudgetMs). Its diagnostics, completions and preview are paused until the text changes; other documents are not affected.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    data: { budgetMs },
  };
}

export class DocumentPipeline {
  private readonly scopes = new Map<string, Promise<DocumentScope>>();
  private readonly pending = new Set<string>();
  /** The version and budget whose timeout was last published per document (said once for each). */
  private readonly timeoutPublished = new Map<string, string>();
  /** Text whose analysis overran its budget, per document: not tried again until the text changes. */
  private readonly timedOut = new Map<string, { text: string; budgetMs: number }>();
  /** The last model answered per document, for `postmortem/model` while the worker cannot answer. */
  private readonly lastModel = new Map<string, PostmortemModel | null>();
  private lastIsPostmortem = new Map<string, boolean>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly pool: AnalysisPool,
    private readonly workspace: WorkspaceState,
    private readonly logger: Logger,
  ) {}

  /** The document's scope (settings + folders); pulled once per document until configuration changes. */
  scopeFor(uri: string): Promise<DocumentScope> {
    let scope = this.scopes.get(uri);
    if (!scope) {
      scope = this.pullSettings(uri).then((settings) => ({ settings, workspaceFolders: this.workspace.folders }));
      this.scopes.set(uri, scope);
    }
    return scope;
  }

  private async pullSettings(uri: string): Promise<PostmortemSettings> {
    if (!this.workspace.canPullConfiguration) return toSettings(this.workspace.initialSettings, this.workspace.trusted);
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'postmortem' });
      return toSettings(raw, this.workspace.trusted);
    } catch (error) {
      this.logger.warn(`could not read settings (${error instanceof Error ? error.message : 'unknown error'}); using defaults`);
      return toSettings(undefined, this.workspace.trusted);
    }
  }

  /** Analyse the document on the next turn (once, however many changes arrive meanwhile). */
  schedule(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    setImmediate(() => {
      this.pending.delete(uri);
      this.run(uri).catch((error) => this.logger.error('analysis failed', error));
    });
  }

  /**
   * Runs an editing feature for the document's current version in its worker; `fallback` when the document is
   * unknown, its text overran the budget, or the worker could not answer.
   */
  async feature<K extends JobKind>(uri: string, kind: K, args: JobTypes[K]['args'], fallback: JobTypes[K]['result']): Promise<JobTypes[K]['result']> {
    return (await this.featureAt(uri, kind, args, fallback)).result;
  }

  /** `feature`, with the version of the document the result was computed for (undefined: none was). */
  async featureAt<K extends JobKind>(uri: string, kind: K, args: JobTypes[K]['args'], fallback: JobTypes[K]['result']): Promise<{ result: JobTypes[K]['result']; version?: number }> {
    const scope = await this.scopeFor(uri);
    const document = this.documents.get(uri);
    if (!document || this.isTimedOut(document, scope.settings.analysisTimeBudgetMs)) return { result: fallback };
    const version = document.version;
    const outcome = await this.pool.run({ kind, uri, version, text: () => document.getText(), scope, args, budgetMs: scope.settings.analysisTimeBudgetMs });
    if (outcome.status === 'done') return { result: outcome.result, version };
    if (outcome.status === 'timeout') await this.overran(document, outcome.budgetMs);
    return { result: fallback };
  }

  /** The model of the current version; the last one answered while the worker cannot answer. */
  async model(uri: string): Promise<PostmortemModel | null> {
    const { result, version } = await this.featureAt(uri, 'model', null, null);
    if (version === undefined) return this.lastModel.get(uri) ?? null;
    this.lastModel.set(uri, result);
    return result;
  }

  /** Whether this text already overran a budget at least as large as `budgetMs` (a larger budget tries again). */
  private isTimedOut(document: TextDocument, budgetMs: number): boolean {
    const t = this.timedOut.get(document.uri);
    if (!t) return false;
    if (t.text === document.getText() && budgetMs <= t.budgetMs) return true;
    this.timedOut.delete(document.uri);
    return false;
  }

  private async run(uri: string): Promise<void> {
    if (!this.documents.get(uri)) return;
    const scope = await this.scopeFor(uri);
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const current = () => this.documents.get(uri)?.version === version;
    if (this.isTimedOut(document, scope.settings.analysisTimeBudgetMs)) return this.publishTimeout(uri, version, this.timedOut.get(uri)!.budgetMs);
    const outcome = await this.pool.run({
      kind: 'analyze',
      uri,
      version,
      text: () => document.getText(),
      scope,
      args: null,
      budgetMs: scope.settings.analysisTimeBudgetMs,
      isStale: () => !current(),
    });
    if (outcome.status === 'timeout') return this.overran(document, outcome.budgetMs);
    if (outcome.status === 'failed') return this.logger.error(`analysis of ${uri} v${version} failed: ${outcome.error}`);
    // A newer version arrived while we computed (or waited for settings): its own run publishes.
    if (outcome.status !== 'done' || !current()) return;
    this.timedOut.delete(uri);
    this.lastIsPostmortem.set(uri, outcome.result.isPostmortem);
    this.timeoutPublished.delete(uri);
    await this.publish(uri, version, outcome.result.findings, outcome.result.isPostmortem);
  }

  /** A job on this text overran its budget: remember the text and say so, once per version. */
  private async overran(document: TextDocument, budgetMs: number): Promise<void> {
    this.timedOut.set(document.uri, { text: document.getText(), budgetMs });
    if (this.documents.get(document.uri)?.version !== document.version) return;
    await this.publishTimeout(document.uri, document.version, budgetMs);
  }

  private async publishTimeout(uri: string, version: number, budgetMs: number): Promise<void> {
    const key = `${version}:${budgetMs}`;
    if (this.timeoutPublished.get(uri) === key) return;
    this.timeoutPublished.set(uri, key);
    // Whether it is a postmortem is unknown when its analysis never finished; one that is analysed at all mostly is.
    await this.publish(uri, version, [timeoutFinding(budgetMs)], this.lastIsPostmortem.get(uri) ?? true);
  }

  private async publish(uri: string, version: number, findings: Finding[], isPostmortem: boolean): Promise<void> {
    const diagnostics = findings.map(toDiagnostic);
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
    await this.connection.sendNotification(ModelChangedNotification, { uri, version, isPostmortem, problems: diagnostics.length });
  }

  /** The document closed: forget it and clear its diagnostics. */
  close(uri: string): void {
    this.scopes.delete(uri);
    this.timeoutPublished.delete(uri);
    this.timedOut.delete(uri);
    this.lastModel.delete(uri);
    this.lastIsPostmortem.delete(uri);
    this.pool.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Schema files changed on disk: forget them and re-analyse every open document (settings stay as they are). */
  schemaFilesChanged(uris: readonly string[]): void {
    if (!uris.length) return;
    this.pool.broadcast({ type: 'schemaFilesChanged', files: [...uris] });
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  /** Settings, folders or trust changed: pull again and re-analyse every open document. */
  refreshAll(): void {
    this.scopes.clear();
    this.pool.broadcast({ type: 'invalidate' });
    for (const document of this.documents.all()) this.schedule(document.uri);
  }
}
