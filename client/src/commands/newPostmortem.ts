/**
 * Postmortem: New Postmortem — asks title, incident id, severity, start time and template, then creates
 * `<postmortem.folder>/<YYYY-MM-DD>-<slug>.md` in the workspace folder (asked when there are several, the active
 * editor's folder first) or an untitled document when no folder is open, and puts the cursor in the Summary.
 * The file is created atomically (WorkspaceEdit createFile without overwrite); a name taken in the meantime
 * moves on to the next `-N` name, so nothing is ever overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { formatUtcMinute } from '../../../common/format';
import { createUnderFreeName, fillTemplate, orderFoldersForPick, summaryCursor, templateLabel, validateStartTime, workspaceRelativeFolder } from '../templates';
import { severitiesFromSchema, type SeverityChoice } from '../schemaValues';
import type { CommandDeps } from './shared';

/** Titles of the prompts, in order (the VS Code tests answer by title). */
export const NEW_POSTMORTEM_STEPS = {
  /** Only asked when the workspace has several folders. */
  folder: 'New Postmortem: Workspace folder',
  title: 'New Postmortem (1/5): Title',
  id: 'New Postmortem (2/5): Incident id',
  severity: 'New Postmortem (3/5): Severity',
  started: 'New Postmortem (4/5): Start of impact',
  template: 'New Postmortem (5/5): Template',
} as const;

const decoder = new TextDecoder();

export interface TemplateChoice extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

async function readJson(uri: vscode.Uri): Promise<unknown> {
  return JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(uri)));
}

/** Severities of the active schema: the team's own (`postmortem.schema`, trusted workspaces only) or the built-in one. */
export async function schemaSeverities(deps: CommandDeps, folder = vscode.workspace.workspaceFolders?.[0]): Promise<SeverityChoice[]> {
  const custom = vscode.workspace.getConfiguration('postmortem', folder?.uri).get<string>('schema', '').trim();
  if (custom && vscode.workspace.isTrusted) {
    // As the server does: only a schema inside the workspace folder is read (absolute paths must point into it).
    const root = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
    const isAbsolute = /^([a-zA-Z]:[\\/]|\/)/.test(custom);
    const rel = isAbsolute ? (root ? workspaceRelativeFolder(path.relative(root, custom)) : undefined) : workspaceRelativeFolder(custom);
    const uri = folder && rel ? vscode.Uri.joinPath(folder.uri, rel) : undefined;
    if (!uri) deps.output.appendLine(`The schema "${custom}" is outside the workspace folder; using the built-in severities.`);
    else {
      try {
        return severitiesFromSchema(await readJson(uri));
      } catch (err) {
        // Never the error's text: a JSON error quotes the start of the file.
        deps.output.appendLine(`Could not read the schema ${uri.toString()} (${err instanceof SyntaxError ? 'not valid JSON' : 'not readable'}); using the built-in severities.`);
      }
    }
  }
  try {
    return severitiesFromSchema(await readJson(vscode.Uri.joinPath(deps.context.extensionUri, 'schemas', 'postmortem.schema.json')));
  } catch (err) {
    deps.output.appendLine(`Could not read the built-in schema (${String(err)}).`);
    return severitiesFromSchema(undefined);
  }
}

async function markdownFiles(dir: vscode.Uri): Promise<string[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    return entries
      .filter(([name, type]) => (type & vscode.FileType.File) !== 0 && /\.md$/i.test(name))
      .map(([name]) => name)
      .sort((a, b) => (a === 'full.md' ? -1 : b === 'full.md' ? 1 : a.localeCompare(b)));
  } catch {
    return [];
  }
}

/** Built-in templates (templates/ of the extension) and the workspace's own (`postmortem.templatesFolder`). */
export async function listTemplates(deps: CommandDeps, folder = vscode.workspace.workspaceFolders?.[0]): Promise<TemplateChoice[]> {
  const builtInDir = vscode.Uri.joinPath(deps.context.extensionUri, 'templates');
  const choices: TemplateChoice[] = (await markdownFiles(builtInDir)).map((name) => ({
    label: templateLabel(name),
    description: 'built-in',
    uri: vscode.Uri.joinPath(builtInDir, name),
  }));
  if (folder) {
    const setting = vscode.workspace.getConfiguration('postmortem', folder.uri).get<string>('templatesFolder', '.postmortem/templates');
    const rel = await folderInside(deps, folder, setting, 'postmortem.templatesFolder');
    if (rel) {
      const dir = vscode.Uri.joinPath(folder.uri, rel);
      for (const name of await markdownFiles(dir)) {
        choices.push({ label: templateLabel(name), description: `workspace: ${rel}`, uri: vscode.Uri.joinPath(dir, name) });
      }
    }
  }
  return choices;
}

/**
 * A folder setting resolved inside the workspace folder: lexically (no absolute path, no `..` above the folder)
 * and, on disk, through symlinks (an existing folder must really be inside). undefined, logged, otherwise.
 */
async function folderInside(deps: CommandDeps, folder: vscode.WorkspaceFolder, setting: string, key: string): Promise<string | undefined> {
  const rel = workspaceRelativeFolder(setting);
  if (rel !== undefined && folder.uri.scheme === 'file') {
    try {
      const root = await fs.promises.realpath(folder.uri.fsPath);
      // The deepest part that exists decides (the rest is created inside it).
      let existing = path.join(root, rel);
      while (existing !== root && !fs.existsSync(existing)) existing = path.dirname(existing);
      const back = path.relative(root, await fs.promises.realpath(existing));
      if (back.startsWith('..') || path.isAbsolute(back)) {
        deps.output.appendLine(`${key} "${setting}" leads outside the workspace folder (through a link); ignored.`);
        return undefined;
      }
    } catch {
      // The folder itself is not readable: the lexical check stands.
    }
  }
  if (rel === undefined) deps.output.appendLine(`${key} "${setting}" is outside the workspace folder; ignored.`);
  return rel;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

interface FolderChoice extends vscode.QuickPickItem {
  folder: vscode.WorkspaceFolder;
}

/**
 * The folder to create the postmortem in: none (untitled) without folders, the only one, or the user's choice
 * among several with the active editor's folder first (preselected). `null` when the user cancelled.
 */
export async function chooseWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined | null> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  const like = folders.map((f) => ({ name: f.name, uri: f.uri.toString(), folder: f }));
  const ordered = orderFoldersForPick(like, vscode.window.activeTextEditor?.document.uri.toString());
  const items: FolderChoice[] = ordered.map(({ folder, active }) => ({
    label: folder.name,
    description: active ? 'folder of the active editor' : undefined,
    detail: folder.folder.uri.scheme === 'file' ? folder.folder.uri.fsPath : folder.folder.uri.toString(),
    folder: folder.folder,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: NEW_POSTMORTEM_STEPS.folder,
    placeHolder: 'Which workspace folder gets the new postmortem?',
    ignoreFocusOut: true,
  });
  return picked ? picked.folder : null;
}

/**
 * Creates `uri` with `content` through a WorkspaceEdit (createFile without overwrite, then an insert) and saves it.
 * 'exists' when the file was already there (it is left untouched).
 */
async function createFileWith(uri: vscode.Uri, content: string): Promise<'created' | 'exists' | 'failed'> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
  edit.insert(uri, new vscode.Position(0, 0), content);
  let applied = false;
  try {
    applied = await vscode.workspace.applyEdit(edit);
  } catch {
    applied = false;
  }
  if (!applied) return (await exists(uri)) ? 'exists' : 'failed';
  const document = await vscode.workspace.openTextDocument(uri);
  await document.save();
  return 'created';
}

/** Runs the prompts and creates the file; returns its URI (undefined when cancelled). */
export async function newPostmortem(deps: CommandDeps): Promise<vscode.Uri | undefined> {
  const folder = await chooseWorkspaceFolder();
  if (folder === null) return undefined;

  const title = await vscode.window.showInputBox({
    title: NEW_POSTMORTEM_STEPS.title,
    prompt: 'A short, blameless description of what happened',
    placeHolder: 'Checkout errors after connection pool exhaustion',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'The postmortem needs a title'),
  });
  if (title === undefined || !title.trim()) return undefined;

  const id = await vscode.window.showInputBox({
    title: NEW_POSTMORTEM_STEPS.id,
    prompt: 'Incident id or ticket (optional; leave empty if there is none)',
    placeHolder: 'INC-1234',
    ignoreFocusOut: true,
  });
  if (id === undefined) return undefined;

  const severities = await schemaSeverities(deps, folder);
  const severity = await vscode.window.showQuickPick(
    severities.map((s) => ({ label: s.value, description: s.description })),
    { title: NEW_POSTMORTEM_STEPS.severity, placeHolder: 'How severe was the incident?', ignoreFocusOut: true },
  );
  if (!severity) return undefined;

  const started = await vscode.window.showInputBox({
    title: NEW_POSTMORTEM_STEPS.started,
    prompt: 'When the impact started, YYYY-MM-DD HH:MM (UTC)',
    value: formatUtcMinute(new Date()),
    ignoreFocusOut: true,
    validateInput: validateStartTime,
  });
  if (started === undefined || validateStartTime(started)) return undefined;

  const templates = await listTemplates(deps, folder);
  if (templates.length === 0) {
    void vscode.window.showErrorMessage('No postmortem templates found (the extension\'s templates/ folder is missing).');
    return undefined;
  }
  const template = templates.length === 1 ? templates[0] : await vscode.window.showQuickPick(templates, {
    title: NEW_POSTMORTEM_STEPS.template,
    placeHolder: 'Template',
    ignoreFocusOut: true,
  });
  if (!template) return undefined;

  const startedText = started.trim().replace('T', ' ');
  const content = fillTemplate(decoder.decode(await vscode.workspace.fs.readFile(template.uri)), {
    title: title.trim(),
    id: id.trim(),
    severity: severity.label,
    started: startedText,
  });

  let document: vscode.TextDocument;
  if (folder) {
    const setting = vscode.workspace.getConfiguration('postmortem', folder.uri).get<string>('folder', 'postmortems') || '.';
    const rel = await folderInside(deps, folder, setting, 'postmortem.folder');
    if (rel === undefined) {
      void vscode.window.showErrorMessage(`postmortem.folder must be a folder inside the workspace folder; "${setting}" is not. Nothing was created.`);
      return undefined;
    }
    const dir = vscode.Uri.joinPath(folder.uri, rel);
    await vscode.workspace.fs.createDirectory(dir);
    let name: string;
    try {
      name = await createUnderFreeName(startedText.slice(0, 10), title, (n) => createFileWith(vscode.Uri.joinPath(dir, n), content));
    } catch (err) {
      void vscode.window.showErrorMessage(`Could not create the postmortem in ${dir.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir, name));
  } else {
    document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  }
  const editor = await vscode.window.showTextDocument(document);
  const at = summaryCursor(document.getText());
  const line = document.lineAt(Math.min(at.line, document.lineCount - 1));
  editor.selection = new vscode.Selection(line.range.start, line.range.end);
  editor.revealRange(line.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return document.uri;
}
