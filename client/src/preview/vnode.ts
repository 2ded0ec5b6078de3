/**
 * A tiny element tree the preview is described in once, then either built as real DOM in the
 * webview (createElement / setAttribute / createTextNode: document text is never parsed as HTML)
 * or serialised to a string for export, where every text and attribute value goes through
 * `escapeText` / `escapeAttr`. Tag and attribute names come from our code only, and are checked
 * against allow-lists anyway; event-handler attributes and unsafe URLs are refused on both paths.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

export interface VElement {
  tag: string;
  svg?: boolean;
  attrs: Record<string, string>;
  children: VNode[];
}
export type VNode = VElement | string;

const HTML_TAGS = new Set([
  'main', 'header', 'section', 'h1', 'h2', 'h3', 'p', 'span', 'div', 'ol', 'ul', 'li', 'dl', 'dt', 'dd', 'a', 'strong', 'em',
  'small', 'time', 'abbr', 'button', 'svg',
]);
const SVG_TAGS = new Set(['svg', 'style', 'g', 'rect', 'line', 'circle', 'text', 'title', 'desc', 'tspan', 'path']);
const VOID_HTML = new Set<string>();
const ATTR_NAME = /^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/i;

export function h(tag: string, attrs: Record<string, string | number | boolean | undefined | null> = {}, ...children: (VNode | VNode[] | null | undefined | false)[]): VElement {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    a[k] = v === true ? '' : String(v);
  }
  const kids: VNode[] = [];
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) kids.push(c);
  return { tag, attrs: a, children: kids };
}

/** Same as `h` for SVG elements (created with the SVG namespace in the DOM). */
export function s(tag: string, attrs: Record<string, string | number | undefined | null> = {}, ...children: (VNode | VNode[] | null | undefined | false)[]): VElement {
  const el = h(tag, attrs, ...children);
  el.svg = true;
  return el;
}

/** Characters XML 1.0 does not allow at all (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text content for HTML and XML (so `]]>`, `</style>`, `<script>` stay text). */
export function escapeText(text: string): string {
  return stripInvalidXml(String(text)).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escapes a (double-quoted) attribute value for HTML and XML; newlines and tabs kept as references. */
export function escapeAttr(value: string): string {
  return escapeText(value).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Only http(s) and mailto links are ever made clickable; `javascript:`, `data:`, `vbscript:`, relative... stay text. */
export function isSafeUrl(url: string): boolean {
  const u = url.trim();
  if (u.length === 0 || u.length > 2048) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F\s<>"'`\\]/.test(u)) return false;
  return /^(https?:\/\/[^/?#]+|mailto:[^:]+@)/i.test(u);
}

function attrAllowed(tag: string, name: string, value: string): boolean {
  if (!ATTR_NAME.test(name) || /^on/i.test(name) || name.toLowerCase() === 'style') return false;
  if (name === 'href' || name === 'xlink:href' || name === 'src' || name === 'action' || name === 'formaction') {
    return tag === 'a' && name === 'href' && isSafeUrl(value);
  }
  return true;
}

function tagAllowed(el: VElement): boolean {
  return el.svg ? SVG_TAGS.has(el.tag) : HTML_TAGS.has(el.tag);
}

export interface SerializeOptions {
  /** XML output: empty elements self-close (for standalone SVG). */
  xml?: boolean;
  /** Text nodes longer than this are cut with an ellipsis. */
  maxText?: number;
}

function cut(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  return text.slice(0, max) + '…';
}

/** Serialises a tree; every string is escaped. Disallowed tags are dropped with their content. */
export function serialize(node: VNode, opts: SerializeOptions = {}): string {
  if (typeof node === 'string') return escapeText(cut(node, opts.maxText));
  if (!tagAllowed(node)) return '';
  let out = `<${node.tag}`;
  for (const [k, v] of Object.entries(node.attrs)) {
    if (!attrAllowed(node.tag, k, v)) continue;
    out += ` ${k}="${escapeAttr(cut(v, opts.maxText))}"`;
  }
  if (node.children.length === 0 && (opts.xml || VOID_HTML.has(node.tag))) return out + '/>';
  out += '>';
  for (const c of node.children) out += serialize(c, opts);
  return out + `</${node.tag}>`;
}

/** The DOM surface the builder needs (a real `Document` in the webview, a fake one in tests). */
export interface MiniDocument {
  createElement(tag: string): MiniElement;
  createElementNS(ns: string, tag: string): MiniElement;
  createTextNode(text: string): unknown;
}
export interface MiniElement {
  setAttribute(name: string, value: string): void;
  appendChild(child: never): unknown;
}

/** Builds DOM nodes from a tree: text through createTextNode, attributes through setAttribute (filtered). */
export function toDom<E extends MiniElement>(node: VNode, doc: MiniDocument): E | unknown {
  if (typeof node === 'string') return doc.createTextNode(node);
  if (!tagAllowed(node)) return doc.createTextNode('');
  const el = node.svg ? doc.createElementNS(SVG_NS, node.tag) : doc.createElement(node.tag);
  for (const [k, v] of Object.entries(node.attrs)) if (attrAllowed(node.tag, k, v)) el.setAttribute(k, v);
  for (const c of node.children) el.appendChild(toDom(c, doc) as never);
  return el;
}

/** Splits text into plain parts and `[label](url)` / bare https links; unsafe link targets stay plain text. */
export function linkify(text: string): VNode[] {
  const out: VNode[] = [];
  const re = /\[([^\]\n]{1,500})\]\(([^)\s]{1,2048})\)|\bhttps?:\/\/[^\s<>"')\]]{1,2040}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let whole = m[0];
    if (m[2] === undefined) whole = whole.replace(/[.,;:!?]+$/, ''); // a bare URL ends before trailing punctuation
    const url = m[2] ?? whole;
    if (!isSafeUrl(url)) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(h('a', { href: url, title: url }, m[1] ?? url));
    last = m.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
