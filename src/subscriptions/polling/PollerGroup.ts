import { isDeepStrictEqual } from 'node:util';
import { Repeater } from '@graphql-yoga/subscription';
import { PollFailure } from './PollFailure';

/** One poller: the upstream call it repeats, its subscribers, and the last answer they were sent. */
interface Poller {
  readonly listeners: Set<(value: unknown) => void>;
  timer: NodeJS.Timeout | undefined;
  /** The last answer sent; `undefined` before the first. */
  last: { readonly value: unknown } | undefined;
  stopped: boolean;
}

/**
 * The pollers of one polled Subscription field: one per distinct key (the argument set, and the
 * caller when answers depend on who asks), shared by every subscriber with that key, started by
 * the first and stopped when the last leaves. A subscriber gets the current answer on arrival,
 * then an event each time the answer differs from the last one sent. A failed call is sent as a
 * `PollFailure` once, and not again until the answer changes.
 */
export class PollerGroup {
  readonly #pollers = new Map<string, Poller>();

  constructor(private readonly intervalMs: number) {}

  /** Pollers running now (for tests and metrics). */
  get size(): number {
    return this.#pollers.size;
  }

  subscribe(key: string, call: () => Promise<unknown>): AsyncIterableIterator<unknown> {
    return new Repeater<unknown>(async (push, stop) => {
      const listener = (value: unknown) => void push(value);
      let poller = this.#pollers.get(key);
      if (poller === undefined) {
        poller = { listeners: new Set(), timer: undefined, last: undefined, stopped: false };
        this.#pollers.set(key, poller);
        this.#run(poller, call);
      } else if (poller.last !== undefined) {
        listener(poller.last.value);
      }
      poller.listeners.add(listener);
      await stop;
      poller.listeners.delete(listener);
      if (poller.listeners.size === 0) {
        poller.stopped = true;
        clearTimeout(poller.timer);
        this.#pollers.delete(key);
      }
    });
  }

  #run(poller: Poller, call: () => Promise<unknown>): void {
    const tick = async () => {
      let value: unknown;
      try {
        value = await call();
      } catch (error) {
        value = new PollFailure(error);
      }
      if (poller.stopped) return;
      if (poller.last === undefined || !sameAnswer(poller.last.value, value)) {
        poller.last = { value };
        for (const listener of poller.listeners) listener(value);
      }
      poller.timer = setTimeout(() => void tick(), this.intervalMs);
    };
    void tick();
  }
}

function sameAnswer(a: unknown, b: unknown): boolean {
  if (a instanceof PollFailure || b instanceof PollFailure) return a instanceof PollFailure && b instanceof PollFailure;
  return isDeepStrictEqual(a, b);
}
