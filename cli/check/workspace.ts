/**
 * Where a file's settings come from, as VS Code would find them: the `postmortem.*` keys of the nearest
 * `.vscode/settings.json` above the file (JSONC), or one file given with `--config`. The folder holding that
 * `.vscode` is the file's workspace folder (the `postmortem.files` globs match paths relative to it); without
 * settings it is the repository root (the nearest `.git`), else the current folder.
 *
 * A settings file that cannot be read is reported once and the defaults are used for the files under it; a team
 * schema that cannot be read is reported once (the service then falls back to the built-in schema and says so
 * on each document with `schema-invalid`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PostmortemSettings } from '../../common/settings';
import { toSettings } from '../../server/src/settings';
import { JsoncError, parseJsonc } from '../jsonc';

export interface FileScope {
  /** Absolute path of the workspace folder. */
  folder: string;
  settings: PostmortemSettings;
  /** The settings file used, if any. */
  settingsFile?: string;
}

/** A problem with the configuration, reported once: a message that names the file. */
export type ConfigProblem = (message: string) => void;

/** Settings files larger than this are not read (a settings.json is a few KB). */
const MAX_SETTINGS_FILE = 1024 * 1024;

export class WorkspaceResolver {
  private readonly byDir = new Map<string, FileScope>();
  private readonly reportedSchemas = new Set<string>();
  private readonly fixed: FileScope | undefined;

  constructor(private readonly cwd: string, configFile: string | undefined, private readonly problem: ConfigProblem) {
    if (configFile !== undefined) {
      const file = path.resolve(cwd, configFile);
      const dir = path.dirname(file);
      const folder = path.basename(dir) === '.vscode' ? path.dirname(dir) : cwd;
      this.fixed = this.load(file, folder, true);
    }
  }

  /** The scope of an absolute file path. */
  scopeFor(file: string): FileScope {
    if (this.fixed) return this.checkSchema(this.fixed);
    return this.checkSchema(this.scopeOfDir(path.dirname(file)));
  }

  /**
   * The workspace folders and settings as the language service takes them. A file named on the command line
   * (`explicitFile`) joins `postmortem.files` for its own run, so the service (the one definition of what is a
   * postmortem) treats it as one even when the team's globs do not match its name.
   */
  static serviceScope(scope: FileScope, explicitFile?: string): { settings: PostmortemSettings; workspaceFolders: string[] } {
    let settings = scope.settings;
    if (explicitFile) {
      const rel = path.relative(scope.folder, explicitFile).split(path.sep).join('/');
      if (rel && !rel.startsWith('../') && !path.isAbsolute(rel)) {
        settings = { ...settings, files: [...settings.files, rel.replace(/[*?[\]{}()!+@\\]/g, '\\$&')] };
      }
    }
    return { settings, workspaceFolders: [pathToFileURL(scope.folder).href] };
  }

  private scopeOfDir(dir: string): FileScope {
    const known = this.byDir.get(dir);
    if (known) return known;
    const settingsFile = path.join(dir, '.vscode', 'settings.json');
    let scope: FileScope;
    if (isFile(settingsFile)) scope = this.load(settingsFile, dir, false);
    else {
      const parent = path.dirname(dir);
      scope = parent === dir ? this.defaults() : this.scopeOfDir(parent);
    }
    this.byDir.set(dir, scope);
    return scope;
  }

  private defaults(): FileScope {
    return { folder: gitRoot(this.cwd) ?? this.cwd, settings: toSettings(undefined, true) };
  }

  private load(file: string, folder: string, required: boolean): FileScope {
    const shown = this.display(file);
    let text: string;
    try {
      const stat = fs.statSync(file);
      if (stat.size > MAX_SETTINGS_FILE) throw new Error(`larger than ${MAX_SETTINGS_FILE / 1024} KB`);
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      this.problem(`${shown}: cannot read settings (${reason(error)}); using the default settings${required ? '' : ` for files under ${this.display(folder)}`}`);
      return { folder, settings: toSettings(undefined, true) };
    }
    let raw: unknown;
    try {
      raw = parseJsonc(text);
    } catch (error) {
      const where = error instanceof JsoncError ? `:${error.line}:${error.column}` : '';
      this.problem(`${shown}${where}: settings are not valid JSON (${reason(error)}); using the default settings for files under ${this.display(folder)}`);
      return { folder, settings: toSettings(undefined, true), settingsFile: file };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.problem(`${shown}: settings must be a JSON object; using the default settings`);
      return { folder, settings: toSettings(undefined, true), settingsFile: file };
    }
    const section: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith('postmortem.')) section[key.slice('postmortem.'.length)] = value;
    }
    const nested = (raw as Record<string, unknown>)['postmortem'];
    const settings = toSettings(typeof nested === 'object' && nested !== null ? { ...nested, ...section } : section, true);
    return { folder, settings, settingsFile: file };
  }

  /** Reports once a `postmortem.schema` that cannot be used (the documents still get checked). */
  private checkSchema(scope: FileScope): FileScope {
    const ref = scope.settings.schema.trim();
    if (!ref) return scope;
    const key = `${scope.folder}\u0000${ref}`;
    if (this.reportedSchemas.has(key)) return scope;
    this.reportedSchemas.add(key);
    const origin = scope.settingsFile ? this.display(scope.settingsFile) : 'settings';
    if (/^https?:/i.test(ref)) {
      this.problem(`${origin}: postmortem.schema ${ref} is remote and is not fetched; the built-in schema is used`);
      return scope;
    }
    const file = ref.startsWith('file://') ? new URL(ref).pathname : path.resolve(scope.folder, ref);
    try {
      JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      const what = error instanceof SyntaxError ? `is not valid JSON (${error.message})` : `cannot be read (${reason(error)})`;
      this.problem(`${this.display(file)}: the team schema (postmortem.schema in ${origin}) ${what}; the built-in schema is used`);
    }
    return scope;
  }

  private display(file: string): string {
    const rel = path.relative(this.cwd, file);
    if (rel === '') return '.';
    return (!rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The nearest folder at or above `dir` holding `.git`. */
export function gitRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    const words: Record<string, string> = {
      ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a folder', EPERM: 'not permitted', ENOTDIR: 'a part of the path is a file', EEXIST: 'a file is in the way',
    };
    return words[e.code] ?? e.code;
  }
  return error instanceof Error ? error.message : String(error);
}
