/**
 * The one timeline preview panel: shows a postmortem's timeline beside its editor, follows the
 * active postmortem editor, refreshes on `postmortem/modelChanged`, reveals lines on click and
 * highlights the entry under the editor's cursor.
 */
import * as vscode from 'vscode';
import type { ModelChangedParams } from '../../../common/protocol';
import type { PostmortemModel } from '../../../common/model';
import { isFromWebviewMessage, type FromWebview, type PreviewData, type ToWebview } from '../../../common/webviewMessages';
import { entryAtLine, toPreviewData } from './data';
import { getWebviewHtml, webviewOptions } from './html';

export const VIEW_TYPE = 'postmortem.timelinePreview';

export interface PreviewDeps {
  getModel(uri: vscode.Uri): Promise<PostmortemModel | null>;
  onModelChanged: vscode.Event<ModelChangedParams>;
}

/** What the tests can see of the preview (plain JSON). */
export interface PreviewTestState {
  open: boolean;
  title: string | null;
  uri: string | null;
  /** The page script has loaded and said `ready` (so it runs under the CSP). */
  ready: boolean;
  data: PreviewData | null;
  highlight: number | null;
  /** How many times data was posted to the page. */
  posts: number;
}

export function previewTitle(uri: vscode.Uri): string {
  const base = uri.path.split('/').pop() || uri.toString();
  return `Timeline: ${base}`;
}

export class PreviewController implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private docUri: vscode.Uri | undefined;
  private data: PreviewData | null = null;
  private message: string | undefined;
  private ready = false;
  private highlight: number | null = null;
  private posts = 0;
  private seq = 0;
  private editorColumn: vscode.ViewColumn | undefined;
  private readonly changed = new vscode.EventEmitter<PreviewTestState>();
  /** Fires on every change of what the preview shows (data, readiness, highlight). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly deps: PreviewDeps) {
    this.disposables.push(
      this.changed,
      deps.onModelChanged((p) => {
        if (this.panel && this.docUri && p.uri === this.docUri.toString()) void this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => void this.follow(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)),
    );
  }

  get documentUri(): vscode.Uri | undefined {
    return this.docUri;
  }

  get isActive(): boolean {
    return !!this.panel?.active;
  }

  state(): PreviewTestState {
    return {
      open: !!this.panel,
      title: this.panel?.title ?? null,
      uri: this.docUri?.toString() ?? null,
      ready: this.ready,
      data: this.data,
      highlight: this.highlight,
      posts: this.posts,
    };
  }

  /** Opens (or moves) the preview to show `uri`, beside the editor, keeping focus in the editor. */
  async open(uri: vscode.Uri): Promise<void> {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (editor?.viewColumn) this.editorColumn = editor.viewColumn;
    if (this.panel) {
      this.setDocument(uri);
      this.panel.reveal(undefined, true);
    } else {
      this.docUri = uri;
      const panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        previewTitle(uri),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewOptions(this.extensionUri, vscode.Uri.joinPath),
      );
      this.attach(panel);
    }
    await this.refresh();
  }

  /** Adopts a panel VS Code restored after a reload (the serializer). */
  async restore(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): Promise<void> {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.docUri = uri;
    panel.webview.options = webviewOptions(this.extensionUri, vscode.Uri.joinPath);
    this.attach(panel);
    if (uri) {
      panel.title = previewTitle(uri);
      await this.refresh();
    } else {
      this.setData(null, 'The document of this preview is not known any more. Open a postmortem and run "Postmortem: Open Timeline Preview".');
    }
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.highlight = null;
    panel.webview.html = getWebviewHtml(panel.webview, this.extensionUri, vscode.Uri.joinPath, this.docUri?.toString() ?? '', panel.title);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebviewMessage(m)) void this.onMessage(m);
      }),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.ready = false;
        this.docUri = undefined;
        this.data = null;
        for (const d of this.panelDisposables.splice(0)) d.dispose();
        this.changed.fire(this.state());
      }),
    );
    this.changed.fire(this.state());
  }

  private setDocument(uri: vscode.Uri): void {
    if (this.docUri?.toString() === uri.toString()) return;
    this.docUri = uri;
    this.highlight = null;
    if (this.panel) this.panel.title = previewTitle(uri);
  }

  /** Asks the server for the model and posts it; a slower, older answer never overwrites a newer one. */
  async refresh(model?: PostmortemModel | null): Promise<void> {
    const uri = this.docUri;
    if (!uri || !this.panel) return;
    const seq = ++this.seq;
    let m: PostmortemModel | null;
    try {
      m = model !== undefined ? model : await this.deps.getModel(uri);
    } catch (err) {
      if (seq !== this.seq) return;
      this.setData(null, `The timeline could not be read: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (seq !== this.seq || this.docUri?.toString() !== uri.toString()) return;
    if (!m || !m.isPostmortem) this.setData(null, 'This document is not a postmortem (or the language server has not read it yet).');
    else this.setData(toPreviewData(m), undefined);
  }

  private setData(data: PreviewData | null, message: string | undefined): void {
    this.data = data;
    this.message = message;
    const editor = vscode.window.activeTextEditor;
    if (data && editor && editor.document.uri.toString() === this.docUri?.toString()) {
      this.highlight = entryAtLine(data, editor.selection.active.line);
    } else if (!data) this.highlight = null;
    this.post();
  }

  private post(): void {
    if (this.panel && this.ready) {
      this.send({ type: 'model', uri: this.docUri?.toString() ?? '', model: this.data, ...(this.message ? { message: this.message } : {}) });
      this.send({ type: 'highlight', index: this.highlight });
      this.posts++;
    }
    this.changed.fire(this.state());
  }

  private send(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'reveal':
        await this.reveal(m.line);
        return;
      case 'export':
        if (this.docUri) await vscode.commands.executeCommand('postmortem.exportTimeline', this.docUri, m.format);
        return;
    }
  }

  /** Selects `line` of the document and scrolls it to the center, in the editor column the document is (or was) in. */
  async reveal(line: number): Promise<vscode.TextEditor | undefined> {
    const uri = this.docUri;
    if (!uri) return undefined;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    let column = visible?.viewColumn ?? this.editorColumn;
    if (!column || column === this.panel?.viewColumn) column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    const l = Math.max(0, Math.min(line, doc.lineCount - 1));
    const range = doc.lineAt(l).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    return editor;
  }

  /** Follows the active editor when it shows another postmortem. */
  private async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    if (!this.panel || !editor) return;
    const uri = editor.document.uri;
    if (uri.toString() === this.docUri?.toString()) {
      if (editor.viewColumn) this.editorColumn = editor.viewColumn;
      return;
    }
    if (editor.document.languageId !== 'markdown') return;
    let model: PostmortemModel | null = null;
    try {
      model = await this.deps.getModel(uri);
    } catch {
      return;
    }
    if (!model?.isPostmortem || !this.panel || vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString()) return;
    if (editor.viewColumn) this.editorColumn = editor.viewColumn;
    this.setDocument(uri);
    await this.refresh(model);
  }

  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    if (!this.panel || !this.docUri || e.textEditor.document.uri.toString() !== this.docUri.toString()) return;
    const index = entryAtLine(this.data, e.selections[0]?.active.line ?? -1);
    if (index === this.highlight) return;
    this.highlight = index;
    if (this.ready) this.send({ type: 'highlight', index });
    this.changed.fire(this.state());
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
