/**
 * Reading a team's schema file, confined: a `$schema` in a document or the `postmortem.schema` setting may only
 * name a regular file inside a workspace folder (or the extension's own `schemas/`), after following symlinks
 * (`realpath`). UNC paths (`\\host\share`, `//host/share`) are refused before anything touches the file system
 * (on Windows opening one connects to the host), and so are devices and kernel files (`/proc`, `/sys`, `/dev`,
 * `\\.\`, `CON`...). Nothing of a refused or unreadable file's content is ever put in a message.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from './service/types';
import { toPath } from '../../common/detect';

/** Schema files larger than this are not read (a schema is a few KB). */
export const MAX_SCHEMA_FILE = 2 * 1024 * 1024;

export interface SchemaFileScope {
  /** Workspace folder URIs (or paths). */
  workspaceFolders: string[];
  /** The extension's root folder; its `schemas/` is always allowed. */
  extensionRoot?: string;
}

/** A schema file was not read, and why (no content). */
export interface Refused {
  refused: string;
}

const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\.[^\\/]*)?$/i;
const KERNEL_ROOTS = ['/proc', '/sys', '/dev'];

/** Why a path must not be opened at all (before any file-system call), or undefined. */
export function refusedPath(file: string): string | undefined {
  if (/^(?:\\\\|\/\/|\\\/|\/\\)/.test(file)) return 'it is a network (UNC) path';
  if (/^file:\/\/(?!\/|localhost\/)/i.test(file)) return 'it is a network (UNC) path';
  if (/^\\\\[.?]\\/.test(file)) return 'it is a device path';
  const posix = file.replace(/\\/g, '/');
  if (KERNEL_ROOTS.some((root) => posix === root || posix.startsWith(root + '/'))) return 'it is a device or kernel file';
  const base = posix.slice(posix.lastIndexOf('/') + 1);
  if (WINDOWS_DEVICE.test(base)) return 'it is a device name';
  return undefined;
}

function realFolder(folder: string): string | undefined {
  try {
    return fs.realpathSync.native(toPath(folder));
  } catch {
    return undefined;
  }
}

/** Whether `file` (a real path) is `folder` (a real path) or inside it. */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The folders a schema may live in, resolved through symlinks. */
export function allowedRoots(scope: SchemaFileScope): string[] {
  const roots = scope.workspaceFolders.map(realFolder);
  if (scope.extensionRoot) roots.push(realFolder(path.join(scope.extensionRoot, 'schemas')));
  return roots.filter((r): r is string => r !== undefined);
}

/**
 * The text of the schema file at `file`, undefined when there is no such file, or `{ refused }` when it exists but
 * must not be read (outside the workspace, a device, too large, not a regular file).
 */
export function readSchemaFile(file: string, scope: SchemaFileScope, logger?: Logger): string | undefined | Refused {
  const early = refusedPath(file);
  if (early) return refuse(early, logger);
  let real: string;
  try {
    real = fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
  const late = refusedPath(real);
  if (late) return refuse(late, logger);
  if (!allowedRoots(scope).some((root) => isInside(real, root))) {
    return refuse('it is outside the workspace folders (schemas are read only from the workspace or the extension)', logger);
  }
  try {
    const stat = fs.statSync(real);
    if (!stat.isFile()) return refuse('it is not a regular file', logger);
    if (stat.size > MAX_SCHEMA_FILE) return refuse(`it is larger than ${MAX_SCHEMA_FILE / 1024 / 1024} MB`, logger);
    return fs.readFileSync(real, 'utf8');
  } catch {
    return undefined;
  }
}

function refuse(reason: string, logger: Logger | undefined): Refused {
  logger?.info(`schema: not read: ${reason}`);
  return { refused: reason };
}
