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
let currentMessage: string | undefined;
let highlighted: number | null = null;

/** The width the time axis gets (the page's content width, at most .pm's max-width), so its labels are laid out for it. */
function axisWidth(): number | undefined {
  const w = root.clientWidth;
  return w > 0 ? Math.min(w, 1100) : undefined;
}

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
  lastWidth = axisWidth();
  const tree = renderPreview(data, { interactive: true, highlight: highlighted, axisWidth: lastWidth }, message);
  const el = toDom(tree, document as unknown as MiniDocument) as Node;
  root.replaceChildren(el);
  if (focusedIndex != null) root.querySelector<HTMLElement>(`li.entry[data-index="${CSS.escape(focusedIndex)}"]`)?.focus({ preventScroll: true });
}

// The axis labels are laid out for a width: lay them out again when the panel is resized.
let lastWidth: number | undefined;
let resizeQueued = false;
window.addEventListener('resize', () => {
  if (resizeQueued) return;
  resizeQueued = true;
  requestAnimationFrame(() => {
    resizeQueued = false;
    const w = axisWidth();
    if (current && w !== undefined && (lastWidth === undefined || Math.abs(w - lastWidth) >= 8)) render(current, currentMessage);
  });
});

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
    currentMessage = msg.message;
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
