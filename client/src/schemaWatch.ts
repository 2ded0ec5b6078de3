/** Which files to watch for the configured `postmortem.schema`. Pure: no `vscode` import. */

/**
 * Glob patterns for the configured schema setting: `{ base, pattern }` relative to each folder for a relative
 * path, to its directory for an absolute one; none for an empty or remote setting. Pure (unit-tested).
 */
export function schemaWatchPatterns(setting: string | undefined, folderPaths: readonly string[]): { base: string; pattern: string }[] {
  const value = (setting ?? '').trim();
  if (!value || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return [];
  const norm = value.replace(/\\/g, '/');
  if (/^([a-zA-Z]:)?\//.test(norm)) {
    const cut = norm.lastIndexOf('/');
    return [{ base: norm.slice(0, cut) || '/', pattern: norm.slice(cut + 1) }];
  }
  const rel = norm.replace(/^\.\//, '');
  return folderPaths.map((base) => ({ base, pattern: rel }));
}
