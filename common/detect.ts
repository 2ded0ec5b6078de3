/**
 * Which Markdown documents are postmortems: the one definition, vscode-free, used by the server (before and after
 * parsing) and by the client (to set the `postmortem.isPostmortem` context key at once, before the server answers).
 *
 * A document is a postmortem when its frontmatter says so (`type: postmortem`; the server also
 * passes `postmortem: true` and `layout: postmortem` through as the type "postmortem"), or when its
 * path matches one of the `postmortem.files` globs. Globs are matched against the path relative to
 * the workspace folder holding the document, and (for globs starting with `**∕`) against the
 * absolute path as well, so files outside any folder still match. A README.md is never one by
 * path alone: only when its frontmatter says so explicitly.
 */
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';

const POSTMORTEM_TYPES = new Set(['postmortem', 'post-mortem', 'incident-review', 'postmortem-report']);

/** What a frontmatter declares: the `type` value (or "postmortem" for `postmortem: true` / `layout: postmortem`). */
export function frontmatterTypeOf(data: Record<string, unknown> | null | undefined): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const type = data['type'];
  if (typeof type === 'string' && type.trim()) return type.trim();
  const flag = data['postmortem'];
  if (flag === true || (typeof flag === 'string' && /^(true|yes)$/i.test(flag.trim()))) return 'postmortem';
  const layout = data['layout'];
  if (typeof layout === 'string' && POSTMORTEM_TYPES.has(layout.trim().toLowerCase())) return 'postmortem';
  if (typeof type === 'string') return type;
  return undefined;
}

/** A frontmatter block at the very start (after an optional BOM), and how far to look for its end. */
const FRONTMATTER_START = /^\uFEFF?(?:---|\+\+\+)[ \t]*\r?\n/;
const FRONTMATTER_LIMIT = 64 * 1024;
const DECLARATION = /^[ \t]*(?:(?:type|layout)[ \t]*[:=][ \t]*["']?(postmortem|post-mortem|incident-review|postmortem-report)["']?|postmortem[ \t]*[:=][ \t]*["']?(?:true|yes)["']?)[ \t]*(?:#.*)?$/im;

/**
 * Whether the text's frontmatter declares a postmortem (`type: postmortem`, `postmortem: true`, `layout: postmortem`),
 * read from the text alone: cheap enough for every keystroke and for documents too large to parse. The parsed
 * frontmatter (`frontmatterTypeOf`) decides when the document is parsed; the two agree on ordinary frontmatter.
 */
export function frontmatterDeclaresPostmortem(text: string): boolean {
  if (!FRONTMATTER_START.test(text)) return false;
  const head = text.slice(0, FRONTMATTER_LIMIT);
  const close = head.slice(3).search(/\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|$)/);
  return DECLARATION.test(close < 0 ? head : head.slice(0, close + 3));
}

/** Whether a document is a postmortem by its path (`postmortem.files`) or by its frontmatter's text. */
export function declaresPostmortem(uri: string, text: string, workspaceFolders: string[], globs: string[]): boolean {
  return isPostmortemDocument(uri, workspaceFolders, undefined, globs) || frontmatterDeclaresPostmortem(text);
}

/** `postmortem` (any case) and a few spellings of it. */
export function isPostmortemType(type: string | undefined): boolean {
  return type !== undefined && POSTMORTEM_TYPES.has(type.trim().toLowerCase());
}

/** A URI string or a file-system path -> a normalised path with forward slashes (no trailing slash). */
export function toPath(uriOrPath: string): string {
  let p = uriOrPath;
  if (/^[a-zA-Z][\w+.-]+:/.test(uriOrPath) && !/^[a-zA-Z]:[\\/]/.test(uriOrPath)) {
    try {
      p = URI.parse(uriOrPath).path;
    } catch {
      p = uriOrPath;
    }
  }
  p = p.replace(/\\/g, '/');
  // URI paths of Windows drives look like "/c:/x"; keep them comparable with "c:/x".
  if (/^\/[a-zA-Z]:\//.test(p)) p = p.slice(1);
  if (/^[a-zA-Z]:\//.test(p)) p = p[0]!.toLowerCase() + p.slice(1);
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** Path of `uri` relative to the innermost workspace folder that holds it, or undefined. */
export function workspaceRelativePath(uri: string, workspaceFolders: string[]): string | undefined {
  const file = toPath(uri);
  let best: string | undefined;
  for (const folder of workspaceFolders) {
    const root = toPath(folder);
    const prefix = root === '/' ? '/' : root + '/';
    if (file.startsWith(prefix) && (best === undefined || root.length > best.length)) best = root;
  }
  if (best === undefined) return undefined;
  return file.slice(best === '/' ? 1 : best.length + 1);
}

/** The innermost workspace folder (as given) that holds `uri`. */
export function workspaceFolderOf(uri: string, workspaceFolders: string[]): string | undefined {
  const file = toPath(uri);
  let best: string | undefined;
  let bestLen = -1;
  for (const folder of workspaceFolders) {
    const root = toPath(folder);
    const prefix = root === '/' ? '/' : root + '/';
    if (file.startsWith(prefix) && root.length > bestLen) {
      best = folder;
      bestLen = root.length;
    }
  }
  return best;
}

const matcherCache = new Map<string, (path: string) => boolean>();

function matcher(glob: string): (path: string) => boolean {
  let m = matcherCache.get(glob);
  if (!m) {
    try {
      const compiled = picomatch(glob, { dot: true, nocase: true });
      m = (p: string) => compiled(p);
    } catch {
      m = () => false;
    }
    if (matcherCache.size > 500) matcherCache.clear();
    matcherCache.set(glob, m);
  }
  return m;
}

/**
 * Whether the document at `uri` is a postmortem.
 * @param frontmatterType the frontmatter's declared type (see `frontmatterTypeOf`), if any.
 * @param globs `postmortem.files`.
 */
export function isPostmortemDocument(uri: string, workspaceFolders: string[], frontmatterType: string | undefined, globs: string[]): boolean {
  // An explicit declaration makes any file a postmortem (README.md included); another type does
  // not exclude one that the globs match (`type: incident` in postmortems/ is still one).
  if (isPostmortemType(frontmatterType)) return true;
  const abs = toPath(uri);
  const base = abs.slice(abs.lastIndexOf('/') + 1);
  if (/^readme\.(md|markdown)$/i.test(base)) return false;
  const rel = workspaceRelativePath(uri, workspaceFolders);
  for (const glob of globs) {
    if (typeof glob !== 'string' || glob.trim() === '') continue;
    const m = matcher(glob.trim());
    if (rel !== undefined) {
      // Inside a workspace folder only the folder-relative path counts: a workspace that itself lives
      // under /home/me/postmortems/ must not make its CHANGELOG.md a postmortem.
      if (m(rel)) return true;
      continue;
    }
    // Outside every folder (a loose file): `**/` globs look at the absolute path, others at the name.
    if (glob.trim().startsWith('**/') && m(abs.replace(/^\//, ''))) return true;
    if (!glob.trim().startsWith('/') && !glob.trim().startsWith('**/') && m(base)) return true;
  }
  return false;
}
