/**
 * A DocumentHost over plain text storage: the CLI's file (re-read just before every write, so edits made
 * meanwhile by someone else are kept) and the tests' in-memory documents. The model comes from the language
 * service (server/src/service), the same reading the editor uses.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PostmortemModel } from '../../common/model';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { createPostmortemService } from '../../server/src/service/index';
import { nullLogger } from '../../server/src/service/types';
import type { DocumentHost, ModelSnapshot } from './engine';
import { applyEdits } from './writeBack';

export interface TextStorage {
  read(): Promise<string>;
  write(text: string): Promise<void>;
}

/** Reads the model of `text` as a postmortem (the user named the file, so no path rule decides). */
export function modelReader(uri: string): (text: string) => PostmortemModel | null {
  const service = createPostmortemService({ logger: nullLogger });
  const settings = { ...DEFAULT_SETTINGS, files: ['**', '**/*'] };
  const folder = uri.replace(/\/[^/]*$/, '');
  let version = 0;
  return (text) => service.getModel(TextDocument.create(uri, 'markdown', ++version, text), { settings, workspaceFolders: [folder] });
}

export function textHost(storage: TextStorage, modelOf: (text: string) => PostmortemModel | null): DocumentHost {
  const read = async (): Promise<ModelSnapshot> => {
    const text = await storage.read();
    const model = modelOf(text);
    if (!model) throw new Error('The document could not be read as a postmortem.');
    return { text, model };
  };
  return {
    read,
    async edit(compute) {
      const now = await read();
      const edits = compute(now);
      if (edits.length === 0) return true;
      await storage.write(applyEdits(now.text, edits));
      return true;
    },
  };
}
