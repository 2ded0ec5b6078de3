/**
 * Code action kinds the server offers beyond quick fixes; the client's commands ask for them by kind. In a file of
 * their own (re-exported by protocol.ts) so the language service and the CLI, which need only these names, do not
 * load the LSP protocol library in every worker thread.
 */
export const CodeActionKinds = {
  /** Sort the timeline's entries by time (a table's rows or a list's items). */
  sortTimeline: 'source.sortTimeline.postmortem',
  /** Apply every quick fix that is safe to apply without a choice. */
  fixAll: 'source.fixAll.postmortem',
} as const;
