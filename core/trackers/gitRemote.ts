/**
 * The repository a document lives in, read from `.git/config` (and `HEAD`) of the nearest enclosing work tree:
 * GitHub's default `owner/name`, and a web link to the document for the ticket body. No git process, no network.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface GitRemote {
  /** `https://github.com`, `https://gitlab.example.com`. */
  host: string;
  /** `owner/name` (GitLab: `group/sub/project`). */
  repo: string;
  /** Branch checked out, when HEAD names one. */
  branch?: string;
  /** The work tree's root folder. */
  root: string;
}

/** `git@github.com:o/r.git`, `https://github.com/o/r`, `ssh://git@host:22/o/r.git` -> host and path. */
export function parseRemoteUrl(url: string): { host: string; repo: string } | undefined {
  const u = url.trim();
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+?)(?:\.git)?\/?$/.exec(u);
  if (scp && !/^[a-z]+:\/\//i.test(u)) return { host: `https://${scp[1]}`, repo: scp[2]! };
  const full = /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/i.exec(u);
  return full ? { host: `https://${full[1]}`, repo: full[2]! } : undefined;
}

/** The `origin` remote (else the first) of the work tree holding `file`. */
export function gitRemoteOf(file: string): GitRemote | undefined {
  let dir = path.dirname(path.resolve(file));
  for (let depth = 0; depth < 64; depth++) {
    const gitDir = path.join(dir, '.git');
    if (fs.existsSync(path.join(gitDir, 'config'))) return readRemote(gitDir, dir);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function readRemote(gitDir: string, root: string): GitRemote | undefined {
  let config: string;
  try {
    config = fs.readFileSync(path.join(gitDir, 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const remotes = new Map<string, string>();
  let current: string | undefined;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[\s*remote\s+"([^"]+)"\s*\]/.exec(line);
    if (section) { current = section[1]; continue; }
    if (/^\s*\[/.test(line)) { current = undefined; continue; }
    const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line);
    if (current && url && !remotes.has(current)) remotes.set(current, url[1]!);
  }
  const url = remotes.get('origin') ?? [...remotes.values()][0];
  const parsed = url ? parseRemoteUrl(url) : undefined;
  if (!parsed) return undefined;
  const remote: GitRemote = { ...parsed, root };
  try {
    const head = /^ref:\s*refs\/heads\/(.+?)\s*$/.exec(fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8'));
    if (head) remote.branch = head[1]!;
  } catch { /* a detached or unreadable HEAD: no branch in links */ }
  return remote;
}

/** Web link to `file` in its repository (GitHub/GitLab shape), when the remote and branch are known. */
export function documentUrlOf(remote: GitRemote | undefined, file: string): string | undefined {
  if (!remote?.branch) return undefined;
  const rel = path.relative(remote.root, path.resolve(file)).split(path.sep).map(encodeURIComponent).join('/');
  if (rel.startsWith('..')) return undefined;
  const blob = /gitlab/i.test(remote.host) ? '-/blob' : 'blob';
  return `${remote.host}/${remote.repo}/${blob}/${remote.branch.split('/').map(encodeURIComponent).join('/')}/${rel}`;
}
