import { BoundedCounts } from './BoundedCounts';

/**
 * Every subscription running on this instance, each with the function that ends it, so a
 * shutdown can complete them all (each client gets `complete`) before sockets close; and how
 * many each caller runs, for SUBSCRIPTIONS_PER_CALLER.
 */
export class LiveSubscriptions {
  readonly #stops = new Set<() => void>();
  readonly #perCaller: BoundedCounts;

  constructor(readonly maxPerCaller: number) {
    this.#perCaller = new BoundedCounts(maxPerCaller);
  }

  get size(): number {
    return this.#stops.size;
  }

  /** Tracks a running subscription; undefined when the caller already runs its most, else the function that forgets it. */
  add(callerKey: string, stop: () => void): (() => void) | undefined {
    const release = this.#perCaller.acquire(callerKey);
    if (release === undefined) return undefined;
    this.#stops.add(stop);
    return () => {
      this.#stops.delete(stop);
      release();
    };
  }

  /** Ends every running subscription. */
  completeAll(): void {
    for (const stop of [...this.#stops]) stop();
  }
}
