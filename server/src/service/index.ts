/**
 * The language service façade: the one object server.ts talks to.
 *
 * It keeps one incremental DocumentParser, decides whether a document is a postmortem, builds the
 * model and the findings once per (uri, version, settings) and answers the editing features from
 * that cache. It never throws for a bad document or a bad schema: a broken schema file becomes a
 * `schema-invalid` finding, an oversized document a single `document-too-large` finding.
 */
import path from 'node:path';
import type { CompletionItem, CodeAction, DocumentSymbol, FoldingRange, Hover, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PostmortemModel } from '../../../common/model';
import type { PostmortemSettings } from '../../../common/settings';
import type { Finding, Logger, ParsedDocument, SchemaInfo } from './types';
import { DocumentParser } from './parse';
import { buildModel } from './model/index';
import { readMetadata } from './model/metadata';
import { LINE0 } from './model/ranges';
import { SchemaValidator } from './schema';
import { computeFindings } from './diagnostics';
import { getCompletions as completionsOf } from './completions';
import { getHover as hoverOf } from './hover';
import { getCodeActions as codeActionsOf, type DiagnosticLike } from './codeActions';
import { getDocumentSymbols as symbolsOf } from './symbols';
import { getFoldingRanges as foldingOf } from './folding';
import { frontmatterDeclaresPostmortem, frontmatterTypeOf, isPostmortemDocument, isPostmortemType, toPath, workspaceFolderOf } from '../../../common/detect';

/** Documents longer than this (UTF-16 code units) are not analysed. */
export const DEFAULT_MAX_DOCUMENT_SIZE = 2 * 1024 * 1024;

export interface PostmortemServiceOptions {
  logger: Logger;
  /**
   * Reads a schema file: its text, undefined when there is none, or `{ refused }` (why, never content) when it exists
   * but must not be read (outside the workspace, a device...). Default: none (custom schemas unavailable).
   */
  readFile?: (path: string) => string | undefined | { refused: string };
  maxDocumentSize?: number;
  /** "Now" for due-date rules; injectable for tests. */
  now?: () => Date;
}

/** What the service needs to know about where a document lives and how it is configured. */
export interface DocumentScope {
  settings: PostmortemSettings;
  /** Workspace folder URIs (or paths). */
  workspaceFolders: string[];
}

export interface Analysis {
  uri: string;
  version: number;
  isPostmortem: boolean;
  /** Null for documents that are not postmortems, or too large. */
  parsed: ParsedDocument | null;
  model: PostmortemModel | null;
  findings: Finding[];
  schema: SchemaInfo;
}

export interface PostmortemService {
  analyze(document: TextDocument, scope: DocumentScope): Analysis;
  getModel(document: TextDocument, scope: DocumentScope): PostmortemModel | null;
  getFindings(document: TextDocument, scope: DocumentScope): Finding[];
  getCompletions(document: TextDocument, position: Position, scope: DocumentScope): CompletionItem[];
  getHover(document: TextDocument, position: Position, scope: DocumentScope): Hover | null;
  getCodeActions(document: TextDocument, range: Range, diagnostics: CodeActionDiagnostic[], only: string[] | undefined, scope: DocumentScope): CodeAction[];
  getDocumentSymbols(document: TextDocument, scope: DocumentScope): DocumentSymbol[];
  getFoldingRanges(document: TextDocument, scope: DocumentScope): FoldingRange[];
  /** Drops everything cached for the document (on close). */
  forget(uri: string): void;
  /** Drops every cached analysis (settings or schema files changed). */
  invalidate(): void;
  /**
   * Schema files changed on disk (created, changed or deleted; file paths or `file:` URIs): drops the cached
   * schemas for them and every cached analysis, so the next analysis reads them again.
   */
  schemaFilesChanged(files: readonly string[]): void;
}

/** A diagnostic as the client sends it back with a code action request. */
export type CodeActionDiagnostic = DiagnosticLike;

export function createPostmortemService(options: PostmortemServiceOptions): PostmortemService {
  const { logger } = options;
  const readFile = options.readFile ?? (() => undefined);
  const maxSize = options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE;
  const now = options.now ?? (() => new Date());
  const parser = new DocumentParser();
  let builtIn: SchemaValidator | undefined;
  const cache = new Map<string, { key: string; analysis: Analysis }>();
  /** Custom schemas by resolved path, rebuilt when the file's text changes. */
  const schemas = new Map<string, { text: string; validator: SchemaValidator }>();
  const schemaInfoCache = new WeakMap<SchemaValidator, SchemaInfo>();

  function builtInValidator(): SchemaValidator {
    builtIn ??= SchemaValidator.builtIn(logger);
    return builtIn;
  }

  function infoOf(validator: SchemaValidator): SchemaInfo {
    let info = schemaInfoCache.get(validator);
    if (!info) {
      info = validator.info();
      schemaInfoCache.set(validator, info);
    }
    return info;
  }

  /** Candidate file paths for a schema reference, most likely first. */
  function schemaPaths(ref: string, uri: string, folders: string[], fromDocument: boolean): string[] {
    const trimmed = ref.trim();
    // A network path stays as written, so the reader refuses it (on Windows, opening one connects to the host).
    if (/^(?:\\\\|\/\/)/.test(trimmed) || /^file:\/\/(?!\/|localhost\/)/i.test(trimmed)) return [trimmed];
    if (trimmed.startsWith('file://')) return [toPath(trimmed)];
    if (path.isAbsolute(trimmed) || /^[a-zA-Z]:[\\/]/.test(trimmed)) return [trimmed];
    const folder = workspaceFolderOf(uri, folders);
    const docDir = uri.startsWith('file:') ? path.posix.dirname(toPath(uri)) : undefined;
    const out: string[] = [];
    const relToDoc = /^\.\.?[\\/]/.test(trimmed);
    if (fromDocument && docDir && relToDoc) out.push(path.posix.join(docDir, trimmed));
    if (folder) out.push(path.posix.join(toPath(folder), trimmed));
    if (fromDocument && docDir && !relToDoc) out.push(path.posix.join(docDir, trimmed));
    return [...new Set(out)];
  }

  /** The validator for a document and, when a custom schema could not be used, why. */
  function resolveSchema(model: PostmortemModel, scope: DocumentScope): { validator: SchemaValidator; problem?: { message: string; range: Range } } {
    const declared = model.metadata.schema;
    const ref = declared?.value?.trim() ? declared.value.trim() : scope.settings.schema?.trim();
    if (!ref) return { validator: builtInValidator() };
    const range = declared?.value?.trim() ? declared.range : LINE0;
    if (/^https?:/i.test(ref)) {
      logger.info(`schema: remote schema references are not fetched; using the built-in schema`);
      return { validator: builtInValidator() };
    }
    if (!scope.settings.trusted) {
      logger.info('schema: workspace is not trusted; custom schema not loaded');
      return { validator: builtInValidator() };
    }
    const candidates = schemaPaths(ref, model.uri, scope.workspaceFolders, declared !== undefined);
    for (const file of candidates) {
      const text = readFile(file);
      if (text === undefined) continue;
      if (typeof text !== 'string') {
        const message = `Schema ${shorten(ref)} was not read: ${text.refused}; using the built-in schema.`;
        return { validator: builtInValidator(), problem: { message, range } };
      }
      const cached = schemas.get(file);
      if (cached && cached.text === text) return withError(cached.validator, range);
      const validator = SchemaValidator.fromText(text, file, logger);
      schemas.set(file, { text, validator });
      return withError(validator, range);
    }
    const message = `Schema file not found: ${shorten(ref)} (looked in ${candidates.map(shorten).join(', ') || 'no folder'}); using the built-in schema.`;
    return { validator: builtInValidator(), problem: { message, range } };
  }

  function withError(validator: SchemaValidator, range: Range) {
    return validator.error ? { validator, problem: { message: validator.error, range } } : { validator };
  }

  function compute(document: TextDocument, scope: DocumentScope): Analysis {
    const { uri, version } = document;
    const text = document.getText();
    const { settings, workspaceFolders } = scope;
    const base = { uri, version, parsed: null, model: null, findings: [] as Finding[], schema: infoOf(builtInValidator()) };
    const byPath = isPostmortemDocument(uri, workspaceFolders, undefined, settings.files);
    const declared = byPath || frontmatterDeclaresPostmortem(text);
    if (!declared) {
      parser.forget(uri);
      return { ...base, isPostmortem: false };
    }
    if (text.length > maxSize) {
      parser.forget(uri);
      // Decided on the path and the frontmatter's text alone: parsing is what we must not do here.
      const kb = Math.round(text.length / 1024);
      const finding: Finding = {
        code: 'document-too-large',
        severity: 'information',
        message: `This document is too large to analyse (${kb} KB; the limit is ${Math.round(maxSize / 1024)} KB). Postmortem diagnostics, completions and the preview are off for it.`,
        range: LINE0,
        data: {},
      };
      return { ...base, isPostmortem: true, findings: [finding] };
    }
    const parsed = parser.parse(uri, version, text);
    let isPostmortem = byPath;
    if (!isPostmortem) {
      const metadata = readMetadata(parsed, settings);
      const type = frontmatterTypeOf(metadata.frontmatter?.data) ?? metadata.type?.value;
      isPostmortem = isPostmortemType(type) || isPostmortemDocument(uri, workspaceFolders, type, settings.files);
    }
    // Not one after all (the frontmatter's text looked like a declaration its parsed value is not): keep the
    // parser's state, the next keystroke is likely to ask again.
    if (!isPostmortem) return { ...base, isPostmortem: false };
    const model = buildModel(parsed, settings, true, logger);
    const { validator, problem } = resolveSchema(model, scope);
    let findings = computeFindings(model, settings, validator, now(), { logger, schemaOrigin: problem?.range });
    if (problem && !findings.some((f) => f.code === 'schema-invalid')) {
      const severity = settings.rules['schema-invalid'];
      if (severity !== 'ignore') {
        findings = [{ code: 'schema-invalid', severity: severity ?? 'error', message: problem.message, range: problem.range, data: {} }, ...findings];
      }
    }
    findings = [...findings, ...plainTextFindings(parsed, settings)];
    return { ...base, isPostmortem: true, parsed, model, findings, schema: infoOf(validator) };
  }

  function analyze(document: TextDocument, scope: DocumentScope): Analysis {
    const key = `${document.version}\u0000${scopeKey(scope)}`;
    const hit = cache.get(document.uri);
    if (hit && hit.key === key) return hit.analysis;
    const started = Date.now();
    let analysis: Analysis;
    try {
      analysis = compute(document, scope);
    } catch (error) {
      // A bug in a model reader or rule must not take the document's features down for good:
      // report it, forget the parser's state (it may be what is broken) and answer with nothing.
      logger.error(`analysis of ${shortUri(document.uri)} v${document.version} failed`, error);
      parser.forget(document.uri);
      analysis = { uri: document.uri, version: document.version, isPostmortem: false, parsed: null, model: null, findings: [], schema: infoOf(builtInValidator()) };
    }
    const elapsed = Date.now() - started;
    if (elapsed > 500) logger.warn(`analysis of ${shortUri(document.uri)} took ${elapsed} ms (${document.getText().length} chars)`);
    cache.set(document.uri, { key, analysis });
    return analysis;
  }

  /**
   * Runs one editing feature: a bug in it (or a bad position from the client) is logged and answered with the
   * feature's empty result, as server.ts's guard would, so callers of the façade other than server.ts are safe too.
   */
  function guarded<R>(feature: string, document: TextDocument, empty: () => R, run: () => R): R {
    try {
      return run();
    } catch (error) {
      logger.error(`${feature} for ${shortUri(document.uri)} v${document.version} failed`, error);
      return empty();
    }
  }

  /** The analysis when the document is a fully analysed postmortem. */
  function ready(document: TextDocument, scope: DocumentScope): (Analysis & { parsed: ParsedDocument; model: PostmortemModel }) | undefined {
    const a = analyze(document, scope);
    return a.parsed && a.model ? (a as Analysis & { parsed: ParsedDocument; model: PostmortemModel }) : undefined;
  }

  return {
    analyze,
    getModel: (document, scope) => analyze(document, scope).model,
    getFindings: (document, scope) => analyze(document, scope).findings,
    getCompletions(document, position, scope) {
      return guarded('completion', document, () => [], () => {
        const a = ready(document, scope);
        return a ? completionsOf(a.parsed, a.model, position, a.schema, scope.settings, now()) : [];
      });
    },
    getHover(document, position, scope) {
      return guarded('hover', document, () => null, () => {
        const a = ready(document, scope);
        return a ? hoverOf(a.parsed, a.model, position, a.schema, scope.settings) : null;
      });
    },
    getCodeActions(document, range, diagnostics, only, scope) {
      return guarded('code actions', document, () => [], () => {
        const a = ready(document, scope);
        return a ? codeActionsOf(a.parsed, a.model, range, diagnostics, only, scope.settings) : [];
      });
    },
    getDocumentSymbols(document, scope) {
      return guarded('document symbols', document, () => [], () => {
        const a = ready(document, scope);
        return a ? symbolsOf(a.model) : [];
      });
    },
    getFoldingRanges(document, scope) {
      return guarded('folding ranges', document, () => [], () => {
        const a = ready(document, scope);
        return a ? foldingOf(a.model) : [];
      });
    },
    forget(uri) {
      cache.delete(uri);
      parser.forget(uri);
    },
    invalidate() {
      cache.clear();
      schemas.clear();
    },
    schemaFilesChanged(files) {
      for (const file of files) {
        const p = file.startsWith('file:') ? toPath(file) : file;
        schemas.delete(p);
        logger.info(`schema: ${shorten(p)} changed on disk; re-validating`);
      }
      // Any open document may name a schema by a path that did not exist before: re-analyse them all.
      cache.clear();
    },
  };
}

/** One hint per piece kept out of inline parsing (parse.ts), so the reader knows why its links and emphasis are plain. */
function plainTextFindings(parsed: ParsedDocument, settings: PostmortemSettings): Finding[] {
  const severity = settings.rules[PLAIN_TEXT_CODE] ?? 'hint';
  if (!parsed.plainText?.length || severity === 'ignore') return [];
  return parsed.plainText.map(({ startLine, endLine, reason }) => ({
    code: PLAIN_TEXT_CODE,
    severity,
    message: `Lines ${startLine + 1}-${endLine + 1} are read as plain text: they hold ${reason}, more than the Markdown parser can handle quickly. Emphasis, links and code in them are not recognised.`,
    range: { start: { line: startLine, character: 0 }, end: { line: startLine, character: 0 } },
    data: {},
  }));
}

/** Code of the hint on text kept out of inline parsing. */
export const PLAIN_TEXT_CODE = 'inline-too-complex';

const scopeKeys = new WeakMap<DocumentScope, string>();
function scopeKey(scope: DocumentScope): string {
  let key = scopeKeys.get(scope);
  if (key === undefined) {
    key = JSON.stringify([scope.settings, scope.workspaceFolders]);
    scopeKeys.set(scope, key);
  }
  return key;
}

function shorten(s: string): string {
  return s.length > 120 ? `…${s.slice(-119)}` : s;
}

/** The last path segments of a URI, for log lines. */
export function shortUri(uri: string): string {
  const parts = uri.split('/');
  return shorten(parts.slice(-2).join('/'));
}
