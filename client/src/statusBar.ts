/**
 * Status bar item on postmortems: `$(issues) N problems · TTR 1 h 24 min`, a tooltip with every metric and its
 * definition, click -> Show Metrics. Hidden on other files. Also keeps the `postmortem.isPostmortem` context key.
 */
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../common/model';
import { Commands, DIAGNOSTIC_SOURCE, IS_POSTMORTEM_CONTEXT, type ModelChangedParams } from '../../common/protocol';
import { statusBarView, type StatusBarView } from './format';

export function problemCount(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
}

export class PostmortemStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('postmortem.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private seq = 0;
  private isPostmortem: boolean | undefined;
  private model: PostmortemModel | null = null;
  private modelUri = '';
  private view: StatusBarView = { visible: false };

  constructor(
    private readonly getModel: (uri: vscode.Uri) => Promise<PostmortemModel | null>,
    onModelChanged: vscode.Event<ModelChangedParams>,
  ) {
    this.item.name = 'Postmortem';
    this.item.command = Commands.showMetrics;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      onModelChanged((p) => {
        if (p.uri === vscode.window.activeTextEditor?.document.uri.toString()) void this.refresh();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (this.model && e.uris.some((u) => u.toString() === active)) this.render();
      }),
    );
    void this.refresh();
  }

  /** Asks the server about the active editor's document and updates the context key and the item. */
  async refresh(): Promise<void> {
    const seq = ++this.seq;
    const editor = vscode.window.activeTextEditor;
    const model = editor && editor.document.languageId === 'markdown' ? await this.getModel(editor.document.uri) : null;
    if (seq !== this.seq) return; // a newer refresh started meanwhile
    this.model = model && model.isPostmortem ? model : null;
    this.modelUri = editor?.document.uri.toString() ?? '';
    const is = this.model !== null;
    if (is !== this.isPostmortem) {
      this.isPostmortem = is;
      await vscode.commands.executeCommand('setContext', IS_POSTMORTEM_CONTEXT, is);
    }
    this.render();
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    const activeUri = editor?.document.uri.toString();
    const view = statusBarView({
      activeUri,
      model: this.model,
      modelUri: this.modelUri,
      problems: editor && this.model ? problemCount(editor.document.uri) : 0,
    });
    this.view = view;
    if (!view.visible) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip);
    tooltip.supportThemeIcons = true;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  /** What the item currently shows (VS Code has no API to read a status bar item back; the tests use this). */
  get current(): StatusBarView {
    return this.view;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
