/**
 * The timeline preview's page script (browser, bundled to dist/webview.js).
 * Validates every message, builds the page with DOM calls only (render.ts + vnode.ts),
 * posts `ready`, `reveal` on click / Enter / Space, moves focus with the arrow keys,
 * and keeps the document URI with setState so the panel survives a window reload.
 */
import { isPreviewWebviewState, isToWebviewMessage, type FromWebview, type PreviewData, type PreviewWebviewState } from '../../common/webviewMessages';
import { renderPreview } from '../src/preview/render';
import { toDom, type MiniDocument } from '../src/preview/vnode';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PreviewWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
let current: PreviewData | null = null;
let highlighted: number | null = null;

function saveState(uri: string): void {
  if (uri) vscode.setState({ uri });
}

const initial = document.body.dataset.uri ?? '';
const saved = vscode.getState();
// The saved state is the latest document (the page reloads with its first HTML when it was hidden).
saveState(isPreviewWebviewState(saved) ? saved.uri : initial);

function entries(): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('li.entry'));
}

function render(data: PreviewData | null, message?: string): void {
  const focusedIndex = (document.activeElement as HTMLElement | null)?.closest?.('li.entry')?.getAttribute('data-index');
  const tree = renderPreview(data, { interactive: true, highlight: highlighted }, message);
  const el = toDom(tree, document as unknown as MiniDocument) as Node;
  root.replaceChildren(el);
  if (focusedIndex != null) root.querySelector<HTMLElement>(`li.entry[data-index="${CSS.escape(focusedIndex)}"]`)?.focus({ preventScroll: true });
}

function setHighlight(index: number | null): void {
  highlighted = index;
  for (const li of entries()) {
    if (index !== null && li.dataset.index === String(index)) {
      li.setAttribute('aria-current', 'true');
      li.scrollIntoView({ block: 'nearest' });
    } else {
      li.removeAttribute('aria-current');
    }
  }
}

function reveal(li: HTMLElement): void {
  const line = Number(li.dataset.line);
  if (Number.isInteger(line) && line >= 0) vscode.postMessage({ type: 'reveal', line });
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg: unknown = event.data;
  if (!isToWebviewMessage(msg)) return;
  if (msg.type === 'model') {
    current = msg.model;
    saveState(msg.uri);
    if (current && highlighted !== null && !current.entries.some((e) => e.index === highlighted)) highlighted = null;
    render(current, msg.message);
  } else {
    setHighlight(msg.index);
  }
});

root.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  if (!target || target.closest('a')) return; // links open on their own
  const format = target.closest<HTMLElement>('button[data-export]')?.dataset.export;
  if (format === 'html' || format === 'svg') {
    vscode.postMessage({ type: 'export', format });
    return;
  }
  const li = target.closest<HTMLElement>('li.entry');
  if (li) reveal(li);
});

root.addEventListener('keydown', (event: KeyboardEvent) => {
  const li = (event.target as Element | null)?.closest?.<HTMLElement>('li.entry');
  if (!li || (event.target as Element).closest('a')) return;
  const all = entries();
  const i = all.indexOf(li);
  let next: HTMLElement | undefined;
  switch (event.key) {
    case 'Enter':
    case ' ':
      event.preventDefault();
      reveal(li);
      return;
    case 'ArrowDown':
      next = all[i + 1];
      break;
    case 'ArrowUp':
      next = all[i - 1];
      break;
    case 'Home':
      next = all[0];
      break;
    case 'End':
      next = all[all.length - 1];
      break;
    default:
      return;
  }
  event.preventDefault();
  next?.focus();
});

vscode.postMessage({ type: 'ready' });
