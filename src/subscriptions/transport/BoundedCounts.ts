/** Counts what each caller holds (connections, subscriptions) against a ceiling. */
export class BoundedCounts {
  readonly #held = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts one more for the key; undefined when it already holds the most, else the function that releases it (once). */
  acquire(key: string): (() => void) | undefined {
    const count = this.#held.get(key) ?? 0;
    if (count >= this.max) return undefined;
    this.#held.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#held.get(key) ?? 1) - 1;
      if (left > 0) this.#held.set(key, left);
      else this.#held.delete(key);
    };
  }
}
