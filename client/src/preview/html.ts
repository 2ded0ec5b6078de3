/**
 * The preview page shell: a strict CSP with a fresh nonce per render, the stylesheet and the bundled
 * page script (dist/webview.js) as the only resources. No remote resources, no inline handlers.
 * Only types are imported from vscode, so the unit tests can call it with a fake webview.
 */
import type * as vscode from 'vscode';
import { PREVIEW_CSS } from './styles';
import { escapeAttr } from './vnode';

/** 32 random bytes, base64url (crypto.getRandomValues exists in Node 20 and browsers). */
export function makeNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function buildCsp(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** Options for the panel: scripts on, resources only from dist/. */
export function webviewOptions(extensionUri: vscode.Uri, joinPath: (base: vscode.Uri, ...p: string[]) => vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    enableFindWidget: true,
    localResourceRoots: [joinPath(extensionUri, 'dist')],
  };
}

export interface ShellInput {
  cspSource: string;
  /** webview.asWebviewUri(dist/webview.js).toString() */
  scriptUri: string;
  /** The document the preview shows (kept by the page with setState for the serializer). */
  documentUri: string;
  title: string;
  nonce?: string;
}

export function buildShell(input: ShellInput): { html: string; nonce: string } {
  const nonce = input.nonce ?? makeNonce();
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(buildCsp(input.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttr(input.title)}</title>
<style nonce="${nonce}">${PREVIEW_CSS}</style>
</head>
<body data-uri="${escapeAttr(input.documentUri)}">
<div id="root"><p class="empty">Loading timeline…</p></div>
<script nonce="${nonce}" src="${escapeAttr(input.scriptUri)}"></script>
</body>
</html>`;
  return { html, nonce };
}

/** Renders the shell for a panel's webview (a new nonce each time). */
export function getWebviewHtml(
  webview: Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>,
  extensionUri: vscode.Uri,
  joinPath: (base: vscode.Uri, ...p: string[]) => vscode.Uri,
  documentUri: string,
  title: string,
): string {
  const scriptUri = webview.asWebviewUri(joinPath(extensionUri, 'dist', 'webview.js')).toString();
  return buildShell({ cspSource: webview.cspSource, scriptUri, documentUri, title }).html;
}
