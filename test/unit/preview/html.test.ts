import assert from 'node:assert/strict';
import { buildCsp, buildShell, makeNonce } from '../../../client/src/preview/html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('preview page shell', () => {
  it('builds a strict CSP around the nonce', () => {
    const csp = buildCsp(CSP_SOURCE, 'abc123');
    assert.equal(
      csp,
      `default-src 'none'; style-src ${CSP_SOURCE} 'nonce-abc123'; script-src 'nonce-abc123'; img-src ${CSP_SOURCE} data:; font-src ${CSP_SOURCE}`,
    );
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|http:/);
  });

  it('uses a fresh random nonce per render, on the one script and the one style', () => {
    const a = buildShell({ cspSource: CSP_SOURCE, scriptUri: `${CSP_SOURCE}/ext/dist/webview.js`, documentUri: 'file:///w/a.md', title: 'T' });
    const b = buildShell({ cspSource: CSP_SOURCE, scriptUri: `${CSP_SOURCE}/ext/dist/webview.js`, documentUri: 'file:///w/a.md', title: 'T' });
    assert.notEqual(a.nonce, b.nonce);
    assert.match(a.nonce, /^[A-Za-z0-9_-]{40,}$/);
    assert.ok(a.html.includes(`script-src &#39;nonce-${a.nonce}&#39;`));
    const scripts = a.html.match(/<script[^>]*>/g)!;
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0], `<script nonce="${a.nonce}" src="${CSP_SOURCE}/ext/dist/webview.js">`);
    assert.equal((a.html.match(/<style nonce="/g) ?? []).length, 1);
    assert.doesNotMatch(a.html, /\son[a-z]+=/i);
    assert.doesNotMatch(a.html, /unsafe-inline/);
  });

  it('escapes the document URI and title it embeds', () => {
    const { html } = buildShell({ cspSource: CSP_SOURCE, scriptUri: 's.js', documentUri: 'file:///w/"><script>x</script>.md', title: '</title><script>' });
    assert.doesNotMatch(html, /<script>x|<\/title><script>/);
    assert.ok(html.includes('data-uri="file:///w/&quot;&gt;&lt;script&gt;x&lt;/script&gt;.md"'));
  });

  it('nonces are unique', () => {
    const set = new Set(Array.from({ length: 50 }, () => makeNonce()));
    assert.equal(set.size, 50);
  });
});
