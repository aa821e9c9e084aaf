/**
 * A few computed values by key, least recently used dropped first, with single flight: callers
 * asking for a key being computed share that computation instead of starting their own. A failed
 * computation is not kept (the next caller tries again).
 */
export class FlightLru<V> {
  private readonly done = new Map<string, V>();
  private readonly running = new Map<string, Promise<V>>();

  /**
   * `current`: whether a finished computation is still worth keeping (not of a graph version already replaced).
   * `crowded`: asked after a value is added; while it says yes, older values are dropped (the newest is always kept).
   */
  constructor(
    readonly maxEntries: number,
    private readonly current: (key: string) => boolean = () => true,
    private readonly crowded: () => boolean = () => false,
  ) {}

  /** The value if computed (and marks it recently used). */
  peek(key: string): V | undefined {
    const value = this.done.get(key);
    if (value !== undefined) {
      this.done.delete(key);
      this.done.set(key, value);
    }
    return value;
  }

  /** Computed or being computed. */
  knows(key: string): boolean {
    return this.done.has(key) || this.running.has(key);
  }

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const value = this.peek(key);
    if (value !== undefined) return Promise.resolve(value);
    let pending = this.running.get(key);
    if (!pending) {
      pending = compute().then(
        (computed) => {
          this.running.delete(key);
          if (!this.current(key)) return computed;
          this.done.set(key, computed);
          for (const oldest of this.done.keys()) {
            if (this.done.size <= this.maxEntries) break;
            this.done.delete(oldest);
          }
          if (this.done.size > 1 && this.crowded()) for (const older of [...this.done.keys()].slice(0, -1)) this.done.delete(older);
          return computed;
        },
        (error: unknown) => {
          this.running.delete(key);
          throw error;
        },
      );
      this.running.set(key, pending);
    }
    return pending;
  }

  /** Drops every computed value whose key does not start with `prefix` (another graph version). */
  keepOnly(prefix: string): void {
    for (const key of [...this.done.keys()]) if (!key.startsWith(prefix)) this.done.delete(key);
  }

  get size(): number {
    return this.done.size;
  }
}
