/**
 * A small time-bounded cache for facts read on every message that change rarely (an API key's actor, an
 * enterprise's row, its signing keys). Each process keeps its own; a change made elsewhere is seen within
 * `ttlMs` (documented where used). Bounded in size: the oldest entries go first.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, now = Date.now()): V {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches (e.g. all cached actors of a revoked key). */
  deleteWhere(match: (value: V) => boolean): void {
    for (const [k, v] of this.entries) if (match(v.value)) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }
}
