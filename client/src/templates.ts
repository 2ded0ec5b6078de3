/**
 * Pure helpers of "New Postmortem": slugs, file names, template filling and the choice of a free name.
 * No `vscode` import here: unit tests run these under plain Node.
 */

export interface TemplateValues {
  title: string;
  id: string;
  severity: string;
  /** `YYYY-MM-DD HH:MM` (UTC unless the user wrote otherwise). */
  started: string;
  /** `YYYY-MM-DD`; defaults to the date part of `started`. */
  date?: string;
}

/** "DB pool: exhausted (EU)!" -> "db-pool-exhausted-eu". Accents are folded, other scripts kept, at most 60 chars. */
export function slugify(title: string, maxLength = 60): string {
  const folded = title
    .normalize('NFKD')
    .replace(/([A-Za-z])[\u0300-\u036f]+/g, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’`]/g, '');
  let slug = folded.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  if (slug.length > maxLength) {
    slug = slug.slice(0, maxLength);
    const cut = slug.lastIndexOf('-');
    if (cut > maxLength / 2) slug = slug.slice(0, cut);
    slug = slug.replace(/-+$/, '');
  }
  return slug || 'postmortem';
}

/** `YYYY-MM-DD-<slug>.md`, optionally with a `-N` suffix (N >= 2). */
export function fileName(date: string, title: string, suffix?: number): string {
  const base = `${date}-${slugify(title)}`;
  return suffix && suffix >= 2 ? `${base}-${suffix}.md` : `${base}.md`;
}

/**
 * The first of `name.md`, `name-2.md`, `name-3.md`... for which `exists` says false.
 * Never overwrites: gives up (throws) after `limit` tries rather than reuse a name.
 */
export async function chooseUniqueName(
  date: string,
  title: string,
  exists: (name: string) => boolean | Promise<boolean>,
  limit = 1000,
): Promise<string> {
  for (let n = 1; n <= limit; n++) {
    const candidate = fileName(date, title, n);
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`No free file name for "${title}" after ${limit} tries`);
}


/** What an attempt to create a file under a name gave. */
export type CreateOutcome = 'created' | 'exists' | 'failed';

/**
 * Creates the file under the first free name of `name.md`, `name-2.md`... by trying to create it (an atomic
 * "create, fail if it exists"), never by checking first: a file created by someone else between a check and
 * the write would otherwise be overwritten. `tryCreate` says 'exists' when the name was taken (then the next
 * name is tried) and 'failed' for any other failure (then this throws). Returns the name used.
 */
export async function createUnderFreeName(
  date: string,
  title: string,
  tryCreate: (name: string) => Promise<CreateOutcome>,
  limit = 1000,
): Promise<string> {
  for (let n = 1; n <= limit; n++) {
    const candidate = fileName(date, title, n);
    const outcome = await tryCreate(candidate);
    if (outcome === 'created') return candidate;
    if (outcome === 'failed') throw new Error(`Could not create ${candidate}`);
  }
  throw new Error(`No free file name for "${title}" after ${limit} tries`);
}

/** A workspace folder as far as choosing one goes. */
export interface FolderLike {
  name: string;
  /** The folder's URI as a string (`file:///work/a`). */
  uri: string;
}

/** The folder that contains `documentUri` (the deepest one when folders nest), else undefined. */
export function folderOf<F extends FolderLike>(folders: readonly F[], documentUri: string | undefined): F | undefined {
  if (!documentUri) return undefined;
  let best: F | undefined;
  for (const f of folders) {
    const base = f.uri.endsWith('/') ? f.uri : `${f.uri}/`;
    if (documentUri.startsWith(base) && (!best || f.uri.length > best.uri.length)) best = f;
  }
  return best;
}

/** The folders to offer, the active editor's folder first (preselected), the others in workspace order. */
export function orderFoldersForPick<F extends FolderLike>(folders: readonly F[], activeDocumentUri: string | undefined): { folder: F; active: boolean }[] {
  const active = folderOf(folders, activeDocumentUri);
  const rest = folders.filter((f) => f !== active).map((folder) => ({ folder, active: false }));
  return active ? [{ folder: active, active: true }, ...rest] : rest;
}


/**
 * Validates the start-time answer: `YYYY-MM-DD HH:MM` (a `T` instead of the space, seconds and a zone suffix
 * such as `Z`, `UTC`, `+02:00` or `PDT` are accepted). Returns an error message, or undefined when valid.
 */
export function validateStartTime(value: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\s*(?:Z|[A-Za-z]{2,5}|[+-]\d{2}:?\d{2}|[A-Za-z]+\/[A-Za-z_]+))?\s*$/.exec(value);
  if (!m) return 'Write the start time as YYYY-MM-DD HH:MM (UTC), e.g. 2024-05-01 14:03';
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)));
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return `${m[1]}-${m[2]}-${m[3]} is not a date`;
  if (h > 23 || mi > 59 || s > 59) return `${m[4]}:${m[5]} is not a time of day`;
  return undefined;
}

/** Quotes a value for a YAML scalar when written plain it would change meaning (or not parse). */
export function yamlScalar(value: string): string {
  if (value === '') return '';
  const plainUnsafe =
    /^[\s\-?:,[\]{}#&*!|>'"%@`~]/.test(value) ||
    /:\s|\s#|:$/.test(value) ||
    /\s$/.test(value) ||
    /^(true|false|yes|no|on|off|null|~|y|n)$/i.test(value) ||
    /^[+-]?(\d[\d_]*)(\.\d*)?([eE][+-]?\d+)?$/.test(value) ||
    /[\n\r\t]/.test(value);
  if (!plainUnsafe) return value;
  return JSON.stringify(value);
}

const PLACEHOLDER = /\{\{\s*(title|id|severity|started|date)\s*\}\}/g;

/**
 * Substitutes `{{title}}`, `{{id}}`, `{{severity}}`, `{{started}}` and `{{date}}`.
 * Inside a leading YAML frontmatter block values are YAML-quoted when needed (a title with `: ` stays a string);
 * in the Markdown body they are written as given. Unknown placeholders are left alone.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  const all: Record<string, string> = {
    title: values.title,
    id: values.id,
    severity: values.severity,
    started: values.started,
    date: values.date ?? values.started.slice(0, 10),
  };
  const text = template.replace(/^\uFEFF/, '');
  const fm = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  const frontmatterEnd = fm ? fm[0].length : 0;
  const head = text.slice(0, frontmatterEnd).replace(PLACEHOLDER, (whole, key: string, offset: number, str: string) => {
    // Quote only when the placeholder is the whole value of a `key: {{x}}` line; inside a longer value keep it raw.
    const lineStart = str.lastIndexOf('\n', offset) + 1;
    const lineEndIdx = str.indexOf('\n', offset);
    const line = str.slice(lineStart, lineEndIdx < 0 ? str.length : lineEndIdx).replace(/\r$/, '');
    const wholeValue = new RegExp(`^\\s*[^:#]+:\\s*${escapeRegExp(whole)}\\s*$`).test(line);
    return wholeValue ? yamlScalar(all[key]) : all[key];
  });
  const body = text.slice(frontmatterEnd).replace(PLACEHOLDER, (_w, key: string) => all[key]);
  return head + body;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Line and column where the cursor goes in a new postmortem: the first body line of the Summary section. */
export function summaryCursor(text: string): { line: number; character: number } {
  const lines = text.split(/\r?\n/);
  const heading = lines.findIndex((l) => /^#{1,6}\s+(summary|executive summary|overview|tl;?dr)\b/i.test(l));
  if (heading < 0) return { line: 0, character: 0 };
  for (let i = heading + 1; i < lines.length; i++) {
    if (/^#{1,6}\s/.test(lines[i])) break;
    if (lines[i].trim() !== '') return { line: i, character: 0 };
  }
  return { line: Math.min(heading + 1, lines.length - 1), character: 0 };
}

/** Label of a template for the quick pick: `full.md` -> "full". */
export function templateLabel(file: string): string {
  return file.replace(/\.md$/i, '');
}

/**
 * A folder from settings (`postmortem.folder`, `postmortem.templatesFolder`) as a workspace-relative path with `/`,
 * or undefined when it would leave the workspace folder: absolute paths, drive letters, UNC paths, `~` and any
 * `..` that climbs above the folder are refused. `''` and `.` are the folder itself.
 */
export function workspaceRelativeFolder(setting: string): string | undefined {
  const raw = setting.trim().replace(/\\/g, '/');
  if (raw.startsWith('/') || /^[a-zA-Z]:/.test(raw) || raw.startsWith('~') || /^[a-zA-Z][\w+.-]*:/.test(raw)) return undefined;
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
