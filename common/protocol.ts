/**
 * Custom LSP messages, declared once and imported by both the client and the server
 * (the vscode-eslint habit): a change of shape is a compile error on both sides.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { PostmortemModel } from './model';

export interface ModelParams {
  /** The document's URI as the client knows it (`TextDocument.uri.toString()`). */
  uri: string;
}

/** The server's model of a document; `null` when the document is unknown or not a postmortem. */
export type ModelResult = PostmortemModel | null;

export const ModelRequest = new RequestType<ModelParams, ModelResult, void>('postmortem/model');

export interface ModelChangedParams {
  uri: string;
  version: number;
  isPostmortem: boolean;
  /** Number of diagnostics just published for the document. */
  problems: number;
}

/**
 * Sent by the server after it has rebuilt the model of a document (and published its diagnostics),
 * so views like the timeline preview and the status bar refresh without polling.
 */
export const ModelChangedNotification = new NotificationType<ModelChangedParams>('postmortem/modelChanged');

/** Code of the diagnostic source, shown in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'postmortem';

export { CodeActionKinds } from './codeActionKinds';

/** Command ids, shared by package.json contributions, the client and the tests. */
export const Commands = {
  newPostmortem: 'postmortem.newPostmortem',
  markAsPostmortem: 'postmortem.markAsPostmortem',
  openPreview: 'postmortem.openPreview',
  exportTimeline: 'postmortem.exportTimeline',
  insertTimelineEntry: 'postmortem.insertTimelineEntry',
  sortTimeline: 'postmortem.sortTimeline',
  createTickets: 'postmortem.createTickets',
  syncTickets: 'postmortem.syncTickets',
  setTrackerToken: 'postmortem.setTrackerToken',
  showMetrics: 'postmortem.showMetrics',
  importTimeline: 'postmortem.importTimeline',
  /** Internal: reveal a line of a document (preview clicks, CodeLens). */
  revealLine: 'postmortem.revealLine',
} as const;

/** Context key set by the client while the active editor shows a postmortem. */
export const IS_POSTMORTEM_CONTEXT = 'postmortem.isPostmortem';
