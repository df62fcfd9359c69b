/**
 * A memo for a pure function, bounded: when it holds `limit` entries it starts over. The suggestion engine reads the
 * same words, sentences and titles in several passes and across charts; the bound keeps a long session from growing
 * the memo without end.
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value for `key`, computed by `compute` the first time (and again after the memo starts over). */
  get(key: K, compute: (key: K) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      value = compute(key);
      this.entries.set(key, value);
    }
    return value;
  }
}
