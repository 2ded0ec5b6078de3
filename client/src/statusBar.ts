/**
 * Status bar item on postmortems: `$(issues) N problems · TTR 1 h 24 min`, a tooltip with every metric and its
 * definition, click -> Show Metrics. Hidden on other files. Also keeps the `postmortem.isPostmortem` context key.
 */
import * as vscode from 'vscode';
import type { PostmortemModel } from '../../common/model';
import { Commands, DIAGNOSTIC_SOURCE, IS_POSTMORTEM_CONTEXT, type ModelChangedParams } from '../../common/protocol';
import { statusBarView, type StatusBarView } from './format';
import { declaresPostmortem } from '../../common/detect';
import { DEFAULT_SETTINGS } from '../../common/settings';

/** The client's own check: by `postmortem.files` and the frontmatter's text, as the server decides before parsing. */
function declaredByClient(document: vscode.TextDocument): boolean {
  const globs = vscode.workspace.getConfiguration('postmortem', document.uri).get<string[]>('files', DEFAULT_SETTINGS.files);
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 2000), 0));
  return declaresPostmortem(document.uri.toString(), head, folders, Array.isArray(globs) ? globs : DEFAULT_SETTINGS.files);
}

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

  /**
   * Updates the context key and the item for the active editor: first from the client's own cheap check (path and
   * frontmatter, `declaresPostmortem`, the server's definition too), so "Open Timeline Preview" is in the palette the
   * moment a postmortem opens; then from the server's model.
   */
  async refresh(): Promise<void> {
    const seq = ++this.seq;
    const editor = vscode.window.activeTextEditor;
    const markdown = editor && editor.document.languageId === 'markdown' ? editor.document : undefined;
    if (!markdown || this.isPostmortem === undefined || this.modelUri !== markdown.uri.toString()) {
      await this.setContext(!!markdown && declaredByClient(markdown));
      if (seq !== this.seq) return;
    }
    const model = markdown ? await this.getModel(markdown.uri) : null;
    if (seq !== this.seq) return; // a newer refresh started meanwhile
    this.model = model && model.isPostmortem ? model : null;
    this.modelUri = editor?.document.uri.toString() ?? '';
    // No answer (the server is restarting) leaves the client's own check in place.
    if (model || !markdown) await this.setContext(this.model !== null);
    this.render();
  }

  private async setContext(is: boolean): Promise<void> {
    if (is === this.isPostmortem) return;
    this.isPostmortem = is;
    await vscode.commands.executeCommand('setContext', IS_POSTMORTEM_CONTEXT, is);
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
