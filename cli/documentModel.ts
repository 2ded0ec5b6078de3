/**
 * The model of a Markdown file the user named as a target (`postmortem import --into`): the language
 * service over a TextDocument, with the file treated as a postmortem whatever its name.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PostmortemModel } from '../common/model';
import { DEFAULT_SETTINGS } from '../common/settings';
import { createPostmortemService } from '../server/src/service/index';
import { nullLogger } from '../server/src/service/types';

export function modelOfFile(file: string, text: string, defaultZone = 'UTC'): PostmortemModel | null {
  const service = createPostmortemService({ logger: nullLogger });
  const uri = pathToFileURL(path.resolve(file)).href;
  const folder = pathToFileURL(path.dirname(path.resolve(file))).href;
  const document = TextDocument.create(uri, 'markdown', 1, text);
  return service.getModel(document, { settings: { ...DEFAULT_SETTINGS, files: ['**/*'], defaultTimezone: defaultZone }, workspaceFolders: [folder] });
}
