/**
 * Timeline preview: `postmortem.openPreview`, `postmortem.exportTimeline`, the panel serializer
 * (the preview survives a window reload) and a small test hook (`postmortem._previewTest`).
 */
import * as vscode from 'vscode';
import { Commands } from '../../../common/protocol';
import { isPreviewWebviewState, type ExportFormat } from '../../../common/webviewMessages';
import { toPreviewData } from './data';
import { exportDocument } from './exportDoc';
import { PreviewController, VIEW_TYPE, type PreviewDeps, type PreviewTestState } from './panel';

export { VIEW_TYPE } from './panel';
export type { PreviewDeps, PreviewTestState } from './panel';

/** Internal command for the in-VS Code tests; not contributed, so not in the palette. */
export const PREVIEW_TEST_COMMAND = 'postmortem._previewTest';

let controller: PreviewController | undefined;
let serializer: vscode.WebviewPanelSerializer | undefined;

/** The current preview's state (document uri, last posted data...), for tests. */
export function getPreviewStateForTests(): PreviewTestState | null {
  return controller?.state() ?? null;
}

function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function exportDefaultUri(doc: vscode.Uri, format: ExportFormat): vscode.Uri | undefined {
  if (doc.scheme === 'untitled') return undefined;
  const base = (doc.path.split('/').pop() || 'postmortem').replace(/\.(md|markdown)$/i, '');
  return vscode.Uri.joinPath(doc, '..', `${base}-timeline.${format}`);
}

/** Exports the timeline of `arg` (or the previewed / active document) to a file the user picks. */
async function exportTimeline(deps: PreviewDeps, arg?: unknown, formatArg?: unknown): Promise<vscode.Uri | undefined> {
  const doc =
    targetUri(arg) ??
    (controller?.isActive ? controller.documentUri : undefined) ??
    vscode.window.activeTextEditor?.document.uri ??
    controller?.documentUri;
  if (!doc) {
    void vscode.window.showWarningMessage('Open a postmortem to export its timeline.');
    return undefined;
  }
  const model = await deps.getModel(doc);
  if (!model || !model.isPostmortem) {
    void vscode.window.showWarningMessage('This document is not a postmortem: there is no timeline to export.');
    return undefined;
  }
  const wanted: ExportFormat | undefined = formatArg === 'svg' || formatArg === 'html' ? formatArg : undefined;
  const filters: Record<string, string[]> =
    wanted === 'svg' ? { 'SVG image': ['svg'] } : wanted === 'html' ? { 'HTML page': ['html', 'htm'] } : { 'HTML page': ['html', 'htm'], 'SVG image': ['svg'] };
  const target = await vscode.window.showSaveDialog({
    defaultUri: exportDefaultUri(doc, wanted ?? 'html'),
    filters,
    saveLabel: 'Export Timeline',
    title: 'Export Timeline',
  });
  if (!target) return undefined;
  const format: ExportFormat = /\.svg$/i.test(target.path) ? 'svg' : 'html';
  const text = exportDocument(toPreviewData(model), format);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Timeline exported to ${target.scheme === 'file' ? target.fsPath : target.toString()}.`);
  return target;
}

interface WaitArgs {
  /** Resolve once the previewed document is this URI... */
  uri?: string;
  /** ...the page script said `ready`... */
  ready?: boolean;
  /** ...the data has at least this version... */
  minVersion?: number;
  /** ...some entry's text contains this... */
  entryContains?: string;
  /** ...the highlighted entry is this one. */
  highlight?: number | null;
  timeoutMs?: number;
}

function matches(s: PreviewTestState, w: WaitArgs): boolean {
  if (w.uri !== undefined && s.uri !== w.uri) return false;
  if (w.ready && !s.ready) return false;
  if (w.minVersion !== undefined && (!s.data || s.data.version < w.minVersion)) return false;
  if (w.entryContains !== undefined && !s.data?.entries.some((e) => e.text.includes(w.entryContains!))) return false;
  if (w.highlight !== undefined && s.highlight !== w.highlight) return false;
  return true;
}

/** Resolves with the state as soon as it matches (event-driven); rejects after the deadline. */
function waitFor(w: WaitArgs): Promise<PreviewTestState> {
  return new Promise((resolve, reject) => {
    const now = controller?.state();
    if (now && matches(now, w)) return resolve(now);
    if (!controller) return reject(new Error('preview not registered'));
    const sub = controller.onDidChange((s) => {
      if (!matches(s, w)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(s);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`preview did not reach ${JSON.stringify(w)}; now ${JSON.stringify({ ...controller?.state(), data: undefined })}`));
    }, w.timeoutMs ?? 15000);
  });
}

async function testCommand(op: unknown, arg: unknown): Promise<unknown> {
  switch (op) {
    case 'state':
      return getPreviewStateForTests();
    case 'waitFor':
      return waitFor((arg ?? {}) as WaitArgs);
    case 'serializerRegistered':
      return !!serializer;
    case 'deserialize': {
      // Same path as a window reload: a fresh panel of our view type handed to the serializer with a state.
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Timeline', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
      await serializer!.deserializeWebviewPanel(panel, arg);
      return getPreviewStateForTests();
    }
    case 'reveal':
      return (await controller?.reveal(Number(arg)))?.selection.active.line;
    default:
      throw new Error(`unknown preview test operation ${String(op)}`);
  }
}

export function registerPreview(context: vscode.ExtensionContext, deps: PreviewDeps): void {
  controller = new PreviewController(context.extensionUri, deps);
  const c = controller;
  serializer = {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      await c.restore(panel, isPreviewWebviewState(state) ? targetUri(state.uri) : undefined);
    },
  };
  context.subscriptions.push(
    c,
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, serializer),
    vscode.commands.registerCommand(Commands.openPreview, async (arg?: unknown) => {
      const uri = targetUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showWarningMessage('Open a postmortem to preview its timeline.');
        return;
      }
      await c.open(uri);
    }),
    vscode.commands.registerCommand(Commands.exportTimeline, (arg?: unknown, format?: unknown) => exportTimeline(deps, arg, format)),
    // The test hook exists only while an extension test run drives VS Code, never for users.
    context.extensionMode === vscode.ExtensionMode.Test
      ? vscode.commands.registerCommand(PREVIEW_TEST_COMMAND, testCommand)
      : { dispose() {} },
    {
      dispose: () => {
        if (controller === c) controller = undefined;
        serializer = undefined;
      },
    },
  );
}
