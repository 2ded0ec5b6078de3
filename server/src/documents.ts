/**
 * Turning open documents into published diagnostics: per-document settings (pulled with
 * workspace/configuration), analysis through the service, Finding -> Diagnostic, and the
 * `postmortem/modelChanged` notification after each publish.
 *
 * No debounce: an analysis is scheduled on the next turn of the event loop after a change, so
 * changes already queued on the connection are applied first and only the newest version is
 * analysed; a result whose version is no longer the document's is never published.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, ModelChangedNotification } from '../../common/protocol';
import type { PostmortemSettings } from '../../common/settings';
import type { Analysis, DocumentScope, PostmortemService } from './service/index';
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

export class DocumentPipeline {
  private readonly scopes = new Map<string, Promise<DocumentScope>>();
  private readonly pending = new Set<string>();
  private readonly published = new Map<string, Analysis>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: PostmortemService,
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

  private async run(uri: string): Promise<void> {
    if (!this.documents.get(uri)) return;
    const scope = await this.scopeFor(uri);
    const document = this.documents.get(uri);
    if (!document) return;
    const analysis = this.service.analyze(document, scope);
    // A newer version arrived while we computed (or waited for settings): its own run publishes.
    if (this.documents.get(uri)?.version !== analysis.version) return;
    if (this.published.get(uri) === analysis) return;
    this.published.set(uri, analysis);
    const diagnostics = analysis.findings.map(toDiagnostic);
    await this.connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    await this.connection.sendNotification(ModelChangedNotification, {
      uri,
      version: analysis.version,
      isPostmortem: analysis.isPostmortem,
      problems: diagnostics.length,
    });
  }

  /** The document closed: forget it and clear its diagnostics. */
  close(uri: string): void {
    this.scopes.delete(uri);
    this.published.delete(uri);
    this.service.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Schema files changed on disk: forget them and re-analyse every open document (settings stay as they are). */
  schemaFilesChanged(uris: readonly string[]): void {
    if (!uris.length) return;
    this.service.schemaFilesChanged(uris);
    for (const document of this.documents.all()) this.schedule(document.uri);
  }

  /** Settings, folders or trust changed: pull again and re-analyse every open document. */
  refreshAll(): void {
    this.scopes.clear();
    this.service.invalidate();
    for (const document of this.documents.all()) this.schedule(document.uri);
  }
}
