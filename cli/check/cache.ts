/**
 * `--cache`: the results of unchanged files, like `eslint --cache --cache-strategy content`. An entry is used when
 * the file's content hash and its configuration key (tool version, settings, workspace folder, the team schema's
 * text, the day) are what they were. One JSON file the user can move (`--cache-location`) or delete; a cache that
 * cannot be read is started afresh, and one that cannot be written costs only the next run's speed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AnalyzeResult } from './analyzeFile';

export const DEFAULT_CACHE_FILE = '.postmortemcache';
const FORMAT = 1;

export type CachedResult = Pick<AnalyzeResult, 'isPostmortem' | 'findings' | 'fixable'>;

interface Entry {
  /** Content hash. */
  h: string;
  /** Configuration key. */
  k: string;
  r: CachedResult;
}

interface CacheFile {
  format: number;
  version: string;
  entries: Record<string, Entry>;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function keyOf(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex');
}

export class ResultCache {
  private changed = false;

  private constructor(readonly file: string, private readonly data: CacheFile) {}

  /** `location` is a file, or a folder (ending in a separator or existing) that gets `.postmortemcache`. */
  static open(cwd: string, location: string | undefined, version: string): ResultCache {
    let file = path.resolve(cwd, location ?? DEFAULT_CACHE_FILE);
    if (location && (/[\\/]$/.test(location) || isDirectory(file))) file = path.join(file, DEFAULT_CACHE_FILE);
    let data: CacheFile = { format: FORMAT, version, entries: {} };
    try {
      const read = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (read.format === FORMAT && read.version === version && read.entries && typeof read.entries === 'object') data = read as CacheFile;
    } catch {
      // Missing or unreadable: start afresh (it is only a cache).
    }
    return new ResultCache(file, data);
  }

  get(file: string, hash: string, key: string): CachedResult | undefined {
    const entry = this.data.entries[file];
    return entry && entry.h === hash && entry.k === key ? entry.r : undefined;
  }

  set(file: string, hash: string, key: string, result: CachedResult): void {
    this.data.entries[file] = { h: hash, k: key, r: { isPostmortem: result.isPostmortem, findings: result.findings, fixable: result.fixable } };
    this.changed = true;
  }

  delete(file: string): void {
    if (file in this.data.entries) {
      delete this.data.entries[file];
      this.changed = true;
    }
  }

  /** Writes the cache (atomically: a reader never sees half a file); returns an error message or undefined. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(temp, JSON.stringify(this.data));
      fs.renameSync(temp, this.file);
      return undefined;
    } catch (error) {
      try { fs.rmSync(temp, { force: true }); } catch { /* nothing to clean */ }
      return error instanceof Error ? error.message : String(error);
    }
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
