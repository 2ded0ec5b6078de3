/**
 * Remembered results of pure readers, across edits: a long document is re-read on every keystroke and almost all
 * of its rows, times and lines are unchanged. The map forgets everything when it reaches its limit.
 */
export class Memo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit = 20_000) {}

  get(key: string, compute: (key: string) => V): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    const value = compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
