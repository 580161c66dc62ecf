import type { Counter } from 'prom-client';

/**
 * Increments of a one-label counter kept as plain numbers, and added to the counter only when it
 * is read (a scrape, or the cluster primary summing its workers' registries). Counting then costs
 * a map look-up and an addition, instead of prom-client's label validation and hashing on the
 * request's path. Label values must already be bounded (source names, BoundedLabels).
 */
export class PendingCount<Label extends string> {
  readonly #pending = new Map<string, number>();

  constructor(private readonly label: Label) {}

  add(value: string): void {
    this.#pending.set(value, (this.#pending.get(value) ?? 0) + 1);
  }

  /** Adds what was counted since the last flush to `counter`, with `labels` besides this one. */
  flushInto<Other extends string>(counter: Counter<Label | Other>, labels?: Readonly<Record<Other, string>>): void {
    for (const [value, count] of this.#pending) {
      if (count === 0) continue;
      counter.inc({ ...labels, [this.label]: value } as Partial<Record<Label | Other, string>>, count);
      this.#pending.set(value, 0);
    }
  }
}

/** As PendingCount, for a two-label counter: one PendingCount of the second label per value of the first. */
export class PendingCounts<First extends string, Second extends string> {
  readonly #pending = new Map<string, PendingCount<Second>>();

  constructor(
    private readonly first: First,
    private readonly second: Second,
  ) {}

  add(first: string, second: string): void {
    let counts = this.#pending.get(first);
    if (counts === undefined) this.#pending.set(first, (counts = new PendingCount(this.second)));
    counts.add(second);
  }

  /** Adds what was counted since the last flush to `counter`. */
  flushInto(counter: Counter<First | Second>): void {
    for (const [first, counts] of this.#pending) {
      counts.flushInto<First>(counter, { [this.first]: first } as Record<First, string>);
    }
  }
}
