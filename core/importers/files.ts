/**
 * An export as a set of named files, whether it is a folder or a .zip (read with yauzl: the central directory once,
 * then each entry as a stream, one at a time, so a large export is never held in memory whole).
 */
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { ImportError } from './types';

/** A day file or page beyond this is not a chat export we can read (uncompressed bytes). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface SourceFiles {
  /** Where it was read from (for messages). */
  readonly label: string;
  /** Paths inside the export, `/`-separated, files only. */
  readonly names: readonly string[];
  /** Uncompressed size of a file in bytes. */
  size(name: string): number;
  readText(name: string): Promise<string>;
  close(): void;
}

export async function openSource(location: string): Promise<SourceFiles> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(location);
  } catch {
    throw new ImportError(`${location}: no such file or folder`, 'missing');
  }
  if (stat.isDirectory()) return openFolder(location);
  if (/\.zip$/i.test(location)) return openZip(location);
  return openSingle(location, stat.size);
}

async function openFolder(root: string): Promise<SourceFiles> {
  const names: string[] = [];
  const sizes = new Map<string, number>();
  // Two levels are all any export uses (channel folders with day files); deeper trees are not walked.
  async function walk(dir: string, rel: string, depth: number): Promise<void> {
    for (const d of await fs.promises.readdir(dir, { withFileTypes: true })) {
      const name = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory() && depth < 2) await walk(path.join(dir, d.name), name, depth + 1);
      else if (d.isFile()) {
        names.push(name);
        sizes.set(name, (await fs.promises.stat(path.join(dir, d.name))).size);
      }
    }
  }
  await walk(root, '', 0);
  names.sort();
  return {
    label: root,
    names,
    size: (name) => sizes.get(name) ?? 0,
    readText: (name) => readLimited(path.join(root, ...name.split('/')), sizes.get(name) ?? 0, name),
    close: () => undefined,
  };
}

async function openSingle(file: string, size: number): Promise<SourceFiles> {
  const name = path.basename(file);
  return { label: file, names: [name], size: () => size, readText: () => readLimited(file, size, name), close: () => undefined };
}

async function readLimited(file: string, size: number, name: string): Promise<string> {
  if (size > MAX_FILE_BYTES) throw new ImportError(`${name}: ${Math.round(size / 1048576)} MB is more than one export file can hold`, 'too-large');
  return fs.promises.readFile(file, 'utf8');
}

function openZip(file: string): Promise<SourceFiles> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, decodeStrings: true }, (err, zip) => {
      if (err || !zip) {
        reject(new ImportError(`${path.basename(file)}: not a readable .zip (${err?.message ?? 'unknown error'})`, 'foreign'));
        return;
      }
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName.replace(/\\/g, '/').replace(/^\/+/, '');
        if (!name.endsWith('/') && !name.startsWith('__MACOSX/')) entries.set(name, entry);
        zip.readEntry();
      });
      zip.on('error', (e: Error) => reject(new ImportError(`${path.basename(file)}: broken .zip (${e.message})`, 'foreign')));
      zip.on('end', () => {
        const names = stripCommonFolder([...entries.keys()].sort());
        resolve({
          label: file,
          names: names.map((n) => n.short),
          size: (name) => entries.get(names.find((n) => n.short === name)?.full ?? name)?.uncompressedSize ?? 0,
          readText: (name) => readEntry(zip, entries.get(names.find((n) => n.short === name)?.full ?? name), name),
          close: () => zip.close(),
        });
      });
      zip.readEntry();
    });
  });
}

/** A zip made by zipping a folder has every path under that folder: read it as if it were the export's root. */
function stripCommonFolder(names: string[]): { full: string; short: string }[] {
  const first = names[0]?.split('/')[0];
  const common = first && names.length > 0 && names.every((n) => n.startsWith(`${first}/`)) ? `${first}/` : '';
  return names.map((full) => ({ full, short: full.slice(common.length) }));
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined, name: string): Promise<string> {
  if (!entry) return Promise.reject(new ImportError(`${name}: not in the .zip`, 'missing'));
  if (entry.uncompressedSize > MAX_FILE_BYTES) {
    return Promise.reject(new ImportError(`${name}: ${Math.round(entry.uncompressedSize / 1048576)} MB is more than one export file can hold`, 'too-large'));
  }
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(new ImportError(`${name}: cannot be read from the .zip (${err?.message ?? 'unknown error'})`, 'foreign'));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (c: Buffer) => {
        total += c.length;
        // yauzl checks the declared size too; this guards a lying header before the bytes pile up.
        if (total > MAX_FILE_BYTES) stream.destroy(new Error('larger than declared'));
        else chunks.push(c);
      });
      stream.on('error', (e: Error) => reject(new ImportError(`${name}: broken entry in the .zip (${e.message})`, 'foreign')));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

/** JSON of a file, or an ImportError naming it. */
export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ImportError(`${name}: not JSON (${e instanceof Error ? e.message.split('\n')[0] : 'parse error'})`, 'not-json');
  }
}
