/** Reading untyped JSON without trusting it: every accessor returns undefined for the wrong type. */

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(o: unknown, key: string): string | undefined {
  if (!isObject(o)) return undefined;
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

export function obj(o: unknown, key: string): JsonObject | undefined {
  if (!isObject(o)) return undefined;
  const v = o[key];
  return isObject(v) ? v : undefined;
}

export function arr(o: unknown, key: string): unknown[] | undefined {
  if (!isObject(o)) return undefined;
  const v = o[key];
  return Array.isArray(v) ? v : undefined;
}

/** Milliseconds of an ISO 8601 instant that names its offset (`Z` or `±hh:mm`); undefined otherwise. */
export function isoMillis(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.length > 40 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}

export function inWindow(ms: number, since: number | undefined, until: number | undefined): boolean {
  return (since === undefined || ms >= since) && (until === undefined || ms <= until);
}
