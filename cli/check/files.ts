/**
 * Which files a command looks at: the paths, folders and globs on the command line, or every Markdown file under
 * the current folder. Folders are walked without following symbolic links; `node_modules` and hidden folders
 * (`.git`, `.vscode`…) are skipped. Whether a file is a postmortem is not decided here: the language service does
 * that (one definition), so candidates are all Markdown files and the ones named explicitly.
 */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

export interface Target {
  /** Absolute path. */
  file: string;
  /** As shown to the user: relative to the current folder, with forward slashes. */
  display: string;
  /**
   * Named on the command line as a file (not found in a folder or by a glob): checked as a postmortem even when
   * `postmortem.files` does not match it, as eslint lints a file you name.
   */
  explicit: boolean;
}

const MARKDOWN = /\.(?:md|markdown)$/i;
const GLOB_CHARS = /[*?[\]{}!]/;

/**
 * Files for the arguments (absolute, deduplicated, sorted); `problem` hears of arguments that match nothing.
 * No arguments: every Markdown file under `cwd`, unless `discover` is false (an empty `--files-from` list).
 * The first `namedArgs` arguments are the user's own: a file among them is `explicit`.
 */
export function collectTargets(cwd: string, args: readonly string[], problem: (message: string) => void, discover = true, namedArgs = args.length): Target[] {
  const found = new Set<string>();
  const named = new Set<string>();
  if (args.length === 0 && discover) walk(cwd, (f) => found.add(f));
  for (const [index, arg] of args.entries()) {
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) walk(abs, (f) => found.add(f));
    else if (stat) {
      found.add(abs);
      if (index < namedArgs) named.add(abs);
    } else if (GLOB_CHARS.test(arg)) {
      const before = found.size;
      expandGlob(cwd, arg, (f) => found.add(f));
      if (found.size === before) problem(`${arg}: no files match this pattern`);
    } else problem(`${arg}: no such file or folder`);
  }
  return [...found].sort().map((file) => ({ file, display: displayPath(cwd, file), explicit: named.has(file) }));
}

export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

function walk(root: string, add: (file: string) => void, match: (file: string) => boolean = (f) => MARKDOWN.test(f)): void {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // an unreadable folder holds nothing we can check; a named file that is unreadable is reported later
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        stack.push(full);
      } else if (entry.isFile() && match(full)) add(full);
    }
  }
}

/** A glob relative to the current folder (or absolute): walks from its longest fixed prefix. */
function expandGlob(cwd: string, glob: string, add: (file: string) => void): void {
  const posix = glob.split(path.sep).join('/');
  const parts = posix.split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (GLOB_CHARS.test(part)) break;
    fixed.push(part);
  }
  const base = path.resolve(cwd, fixed.join('/') || '.');
  const isMatch = picomatch(posix, { dot: false });
  const absolute = path.isAbsolute(glob);
  walk(base, add, (file) => isMatch(absolute ? file.split(path.sep).join('/') : path.relative(cwd, file).split(path.sep).join('/')));
}
