import type { Counter } from 'prom-client';

/**
 * Increments of a two-label counter kept as plain numbers, and added to the counter only when it
 * is read (a scrape, or the cluster primary summing its workers' registries). Counting one request
 * then costs two map look-ups and an addition, instead of prom-client's label validation and
 * hashing on the request's path. Label values must already be bounded (see BoundedLabels).
 */
export class PendingCounts<First extends string, Second extends string> {
  readonly #pending = new Map<string, Map<string, number>>();

  constructor(
    private readonly first: First,
    private readonly second: Second,
  ) {}

  add(first: string, second: string): void {
    let counts = this.#pending.get(first);
    if (counts === undefined) this.#pending.set(first, (counts = new Map<string, number>()));
    counts.set(second, (counts.get(second) ?? 0) + 1);
  }

  /** Adds what was counted since the last flush to `counter`. */
  flushInto(counter: Counter<First | Second>): void {
    for (const [first, counts] of this.#pending) {
      for (const [second, count] of counts) {
        if (count === 0) continue;
        counter.inc({ [this.first]: first, [this.second]: second } as Partial<Record<First | Second, string>>, count);
        counts.set(second, 0);
      }
    }
  }
}
