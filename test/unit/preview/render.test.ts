import assert from 'node:assert/strict';
import { toPreviewData } from '../../../client/src/preview/data';
import { EXPORT_MAX_TEXT, exportHtml, exportSvg, styleHash } from '../../../client/src/preview/exportDoc';
import { axisPercent, entryLabel, renderPreview } from '../../../client/src/preview/render';
import { PREVIEW_CSS } from '../../../client/src/preview/styles';
import { escapeAttr, escapeText, isSafeUrl, linkify, serialize, toDom, type VElement } from '../../../client/src/preview/vnode';
import { action, entry, HOSTILE, located, makeModel } from './modelFactory';

const T = (hm: string) => `2024-05-01T${hm}:00Z`;

function hostileModel() {
  const m = makeModel({
    title: '<script>alert("title")</script>',
    times: { started: T('10:00'), resolved: T('11:00') },
    timeline: HOSTILE.map((t, i) => entry(10 + i, '10:0' + i, T('10:0' + i), t)),
    actionItems: [action(30, '<img src=x onerror=alert(1)>', { owner: located('"><script>'), ticket: located('javascript:alert(1)') })],
  });
  m.metadata.severity = located(`"'&<>`);
  return m;
}

/**
 * Every `<` left in a serialised document starts a real tag (text and attribute values escape `<`, `>` and quotes),
 * so the tags and their attribute names can be listed with plain regexes.
 */
function tagsOf(out: string): { name: string; attrs: string[] }[] {
  const body = out.replace(/^<\?xml[^>]*>/, '').replace(/<!DOCTYPE html>/, '');
  return (body.match(/<[^>]*>/g) ?? []).map((t) => {
    const m = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*(?:="[^"<>]*")?)*)\s*\/?>$/.exec(t);
    assert.ok(m, `malformed tag ${t.slice(0, 80)}`);
    return { name: m[1]!.toLowerCase(), attrs: [...m[2]!.matchAll(/\s([a-zA-Z][a-zA-Z0-9:-]*)(?:="[^"]*")?/g)].map((a) => a[1]!.toLowerCase()) };
  });
}

/** Asserts a serialised document has no live markup from the hostile strings. */
function assertInert(out: string): void {
  const tags = tagsOf(out);
  for (const t of tags) {
    assert.ok(!['script', 'img', 'evil', 'iframe', 'object', 'embed', 'link', 'foreignobject'].includes(t.name), `tag ${t.name}`);
    for (const a of t.attrs) assert.ok(!/^on|^src$|^srcdoc$/.test(a), `attribute ${a} on ${t.name}`);
  }
  assert.ok(tags.filter((t) => t.name === 'svg').length <= 1 || !out.includes('<svg onload'), 'hostile svg is text');
  assert.doesNotMatch(out, /href="(?!https?:|mailto:)/i);
  assert.doesNotMatch(out, /\]\]>/);
  assert.doesNotMatch(out, /<\/style><script/i);
}

describe('preview export: hostile document text', () => {
  it('HTML export escapes every hostile string and keeps them readable as text', () => {
    const out = exportHtml(toPreviewData(hostileModel()));
    assertInert(out);
    assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(out.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(out.includes('[x](javascript:alert(1))'), 'javascript: link shown as text');
    assert.ok(out.includes('&lt;/style&gt;&lt;script&gt;'));
    assert.ok(out.includes('&quot;&#39;&amp;&lt;&gt;'));
    assert.equal((out.match(/<style>/g) ?? []).length, 1, 'only our stylesheet');
  });

  it('HTML export has no scripts, no remote resources and a strict CSP with the stylesheet hash', () => {
    const out = exportHtml(toPreviewData(hostileModel()));
    assert.doesNotMatch(out, /<script|<link|<iframe|<object|<embed|<img/i);
    assert.ok(tagsOf(out).every((t) => !t.attrs.includes('src')));
    assert.doesNotMatch(out, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    assert.ok(out.includes(`default-src &#39;none&#39;; style-src ${escapeText(styleHash(PREVIEW_CSS))}`));
    assert.doesNotMatch(out, /unsafe-inline/);
  });

  it('SVG export escapes text and attributes (XML), including ]]> and quotes', () => {
    const out = exportSvg(toPreviewData(hostileModel()));
    assertInert(out);
    assert.ok(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(out.includes(']]&gt;&lt;evil/&gt;'));
    assert.ok(out.includes('&quot;&#39;&amp;&lt;&gt;'));
    assert.doesNotMatch(out, /<script|<foreignObject|<a /i);
  });

  it('SVG export is well-formed enough: every tag closes and control characters are replaced', () => {
    const m = makeModel({ timeline: [entry(1, '10:00', T('10:00'), 'bell\u0007 nul\u0000 lone\uD800 ok')] });
    const out = exportSvg(toPreviewData(m));
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(out, /[\u0000-\u0008]|\uD800(?![\uDC00-\uDFFF])/);
    const opens = (out.match(/<(?!\/|\?)[a-z]+[^>]*[^/]>/gi) ?? []).length;
    const closes = (out.match(/<\/[a-z]+>/gi) ?? []).length;
    assert.equal(opens, closes);
  });

  it('a 100,000-character line is cut with an ellipsis in both exports', () => {
    const m = makeModel({ timeline: [entry(1, '10:00', T('10:00'), 'A'.repeat(100_000))] });
    const html = exportHtml(toPreviewData(m));
    const run = html.match(/<span class="text">(A+…)/)![1]!;
    assert.equal(run.length, EXPORT_MAX_TEXT + 1);
    assert.ok(html.length < 40_000, `html export is ${html.length} chars`);
    const svg = exportSvg(toPreviewData(m));
    assert.ok(svg.length < 10_000);
    assert.match(svg, /A+…/);
  });

  it('the webview stylesheet wraps and clips long lines', () => {
    assert.match(PREVIEW_CSS, /\.entry \{[^}]*overflow-wrap: anywhere;[^}]*word-break: break-word/);
    assert.match(PREVIEW_CSS, /\.entry \.text \{[^}]*max-height[^}]*overflow: hidden/);
  });
});

describe('preview render: links, escaping helpers', () => {
  it('makes only http(s)/mailto links clickable', () => {
    assert.equal(isSafeUrl('https://example.com/x'), true);
    assert.equal(isSafeUrl('mailto:a@b.c'), true);
    for (const u of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.com', 'https://x" onmouseover="a', ' java\tscript:x', '']) {
      assert.equal(isSafeUrl(u), false, u);
    }
  });

  it('linkify keeps unsafe links as text and links safe ones', () => {
    assert.deepEqual(linkify('see [x](javascript:alert(1)) now'), ['see [x](javascript:alert(1)) now']);
    const parts = linkify('see [docs](https://e.com/a) and https://e.com/b.');
    assert.equal(parts.length, 5);
    assert.deepEqual((parts[1] as VElement).attrs.href, 'https://e.com/a');
    assert.deepEqual((parts[3] as VElement).attrs.href, 'https://e.com/b');
    assert.equal(parts[4], '.');
  });

  it('the serializer drops event handlers, style, unsafe hrefs and unknown tags', () => {
    const el: VElement = { tag: 'a', attrs: { href: 'javascript:x', onclick: 'x', style: 'x', title: '"><b>' }, children: ['t'] };
    assert.equal(serialize(el), '<a title="&quot;&gt;&lt;b&gt;">t</a>');
    assert.equal(serialize({ tag: 'script', attrs: {}, children: ['x'] }), '');
    assert.equal(escapeAttr('a\nb'), 'a&#10;b');
  });
});

/** A very small fake DOM: enough to check what toDom builds. */
class FakeNode {
  children: FakeNode[] = [];
  attrs = new Map<string, string>();
  constructor(public tag: string | null, public text = '', public ns: string | null = null) {}
  setAttribute(n: string, v: string) { this.attrs.set(n, v); }
  appendChild(c: FakeNode) { this.children.push(c); return c; }
  all(): FakeNode[] { return [this, ...this.children.flatMap((c) => c.all())]; }
  get textContent(): string { return this.tag === null ? this.text : this.children.map((c) => c.textContent).join(''); }
}
const fakeDoc = {
  createElement: (t: string) => new FakeNode(t),
  createElementNS: (ns: string, t: string) => new FakeNode(t, '', ns),
  createTextNode: (t: string) => new FakeNode(null, t),
};

describe('preview render: webview DOM', () => {
  it('builds hostile text as text nodes, never as elements or handler attributes', () => {
    const data = toPreviewData(hostileModel());
    const dom = toDom(renderPreview(data, { interactive: true }), fakeDoc) as FakeNode;
    const nodes = dom.all();
    const tags = new Set(nodes.filter((n) => n.tag).map((n) => n.tag));
    for (const bad of ['script', 'img', 'evil', 'style', 'iframe']) assert.ok(!tags.has(bad), bad);
    for (const n of nodes) for (const k of n.attrs.keys()) assert.doesNotMatch(k, /^on|^style$/i);
    assert.ok(nodes.some((n) => n.tag === null && n.text === '<script>alert(1)</script>'));
    assert.ok(!nodes.some((n) => n.attrs.get('href')?.startsWith('javascript')));
    assert.equal(nodes.find((n) => n.tag === 'svg')?.ns, 'http://www.w3.org/2000/svg');
  });

  it('entries are a focusable list with full-time aria-labels, badges as text and aria-current', () => {
    const m = makeModel({
      times: { started: T('10:00'), detected: T('10:40') },
      timeline: [entry(1, '10:00', T('10:00'), 'deploy'), entry(2, '09:00', T('09:00'), 'earlier'), entry(3, 'soon', null, 'what'), entry(4, '10:40', T('10:40'), 'alert')],
    });
    const data = toPreviewData(m);
    const dom = toDom(renderPreview(data, { interactive: true, highlight: 3 }), fakeDoc) as FakeNode;
    const list = dom.all().find((n) => n.tag === 'ol' && n.attrs.get('role') === 'list')!;
    const items = list.children;
    assert.equal(items.length, 4);
    for (const li of items) {
      assert.equal(li.attrs.get('role'), 'listitem');
      assert.equal(li.attrs.get('tabindex'), '0');
    }
    assert.equal(items[0]!.attrs.get('aria-label'), '2024-05-01 10:00 UTC: deploy');
    assert.match(items[1]!.textContent, /out of order/);
    assert.match(items[2]!.textContent, /time not understood/);
    assert.match(items[2]!.attrs.get('aria-label')!, /time not understood/);
    assert.match(items[3]!.textContent, /gap of 40 min/);
    assert.equal(items[3]!.attrs.get('aria-current'), 'true');
    assert.equal(items[0]!.attrs.get('aria-current'), undefined);
    assert.equal(items[3]!.attrs.get('data-line'), '4');
  });

  it('shows phases on the axis, the impact window and durations with their definitions', () => {
    const m = makeModel({ times: { started: T('10:00'), detected: T('10:30'), resolved: T('12:00') }, timeline: [entry(1, '10:00', T('10:00'), 'a')] });
    const data = toPreviewData(m);
    const html = serialize(renderPreview(data, { interactive: false }));
    assert.match(html, /<svg class="axis" role="img" aria-label="Time axis from 2024-05-01 10:00 UTC to 2024-05-01 12:00 UTC\./);
    // Laid out in pixels for DEFAULT_AXIS_WIDTH (1100): 2% -> 22, 26% -> 286.
    assert.match(html, /viewBox="0 0 1100 \d+"/);
    assert.match(html, /<rect class="impact" x="22\.0"/);
    assert.match(html, /class="phase phase-detected" x1="286\.0"/);
    assert.match(html, /<dt>Time to detect<\/dt><dd aria-label="Time to detect: 30 min, measured from impact start \(started\) to detection \(detected\)">30 min/);
    assert.equal(axisPercent(data, T('12:00')), 98);
  });

  it('lists action items with owner, due, ticket or "no ticket", and done state', () => {
    const m = makeModel({ actionItems: [action(1, 'Fix', { owner: located('@bo'), ticket: located('https://t.example/OPS-1'), done: true }), action(2, 'Plan')] });
    const html = serialize(renderPreview(toPreviewData(m), { interactive: false }));
    assert.match(html, /aria-label="done">✓/);
    assert.match(html, /owner: @bo/);
    assert.match(html, /ticket: <a href="https:\/\/t\.example\/OPS-1"/);
    assert.match(html, /class="no-ticket">no ticket/);
    assert.match(html, /Action items \(1 of 2 done\)/);
  });

  it('labels an approximate entry as such', () => {
    const data = toPreviewData(makeModel({ timeline: [entry(1, '~10:00', T('10:00'), 'x', { approximate: true })] }));
    assert.equal(entryLabel(data.entries[0]!), '2024-05-01 10:00 UTC (approximate): x');
  });

  it('offers export buttons in the webview only, never in an export', () => {
    const data = toPreviewData(makeModel());
    assert.match(serialize(renderPreview(data, { interactive: true })), /<button type="button" data-export="html">Export HTML…<\/button><button type="button" data-export="svg">/);
    assert.doesNotMatch(exportHtml(data), /<button/);
  });

  it('renders an empty state without data', () => {
    assert.match(serialize(renderPreview(null, { interactive: true }, 'Not a <postmortem>')), /Not a &lt;postmortem&gt;/);
  });
});
