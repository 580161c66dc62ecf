import { setMaxListeners } from 'node:events';
import { Repeater, SlidingBuffer } from '@graphql-yoga/subscription';

/**
 * Where events meet their subscribers: a webhook received by one instance reaches the
 * subscriptions of every instance through Redis pub/sub, or of this process alone without Redis.
 * The one file that knows the pub/sub libraries.
 */
export interface EventBus {
  /** `memory` or `redis`. */
  readonly backend: 'memory' | 'redis';
  publish(topic: string, payload: unknown): void;
  /** Every payload published on the topic from now on, until the iterator is returned. */
  subscribe(topic: string): AsyncIterableIterator<unknown>;
  /**
   * Resolves once the bus can carry events (at once in memory; with Redis, once the subscriber
   * connection is ready, or after `timeoutMs` when Redis cannot be reached: it goes on connecting).
   */
  ready(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** How events reach the other processes of one instance without Redis (the cluster's workers). */
export interface EventRelay {
  /** Hands an event published here to the other processes. */
  send(topic: string, payload: unknown): void;
  /** Calls `deliver` with each event another process published; returns the function that stops it. */
  listen(deliver: (topic: string, payload: unknown) => void): () => void;
}

export interface EventBusOptions {
  /** `redis://…`; unset keeps events in this process. */
  readonly redisUrl?: string | undefined;
  /** Prefix of every channel, e.g. `tributary:events`, so gateways of several deployments can share one Redis. */
  readonly channelPrefix: string;
  /** Without Redis, relays events between the processes of a cluster (WORKERS > 1). */
  readonly relay?: EventRelay | undefined;
  /** Told when the Redis connection fails (it reconnects by itself). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Events a subscriber may fall behind by before the oldest are dropped. A subscriber this far
 * behind is a slow consumer, which its transport disconnects; the bound keeps one from growing
 * memory (or failing the publisher) meanwhile.
 */
export const MAX_PENDING_EVENTS = 1000;

/**
 * An event target carries the events: the platform's `EventTarget` in memory, or GraphQL Yoga's
 * maintained Redis adapter (one connection publishes, one subscribes, as Redis requires of a
 * client in subscriber mode). Each subscriber reads through a bounded buffer of its own.
 */
export function createEventBus(options: EventBusOptions): EventBus {
  const channel = (topic: string) => `${options.channelPrefix}:${topic}`;
  if (!options.redisUrl) {
    const target = new EventTarget();
    // Every subscriber of a topic is a listener: thousands are expected, not a leak.
    setMaxListeners(0, target);
    const { relay } = options;
    if (relay === undefined)
      return busOver(
        target,
        channel,
        'memory',
        async () => undefined,
        async () => undefined,
      );
    // The relay carries channels (prefix included) between workers, which dispatch them as their own.
    const stopListening = relay.listen((name, payload) => void target.dispatchEvent(new CustomEvent(name, { detail: payload })));
    const relayed: Target = {
      addEventListener: (type, listener) => target.addEventListener(type, listener),
      removeEventListener: (type, listener) => target.removeEventListener(type, listener),
      dispatchEvent: (event) => {
        relay.send(event.type, event.detail);
        return target.dispatchEvent(event);
      },
    };
    return busOver(
      relayed,
      channel,
      'memory',
      async () => stopListening(),
      async () => undefined,
    );
  }
  const onError = options.onError ?? (() => undefined);
  // Loaded only with Redis configured, so an instance without it does not pay for loading ioredis.
  // require, not import(): this is CommonJS (see main.ts).
  /* eslint-disable @typescript-eslint/no-require-imports -- a lazy load, see above */
  const { Redis } = require('ioredis') as typeof import('ioredis');
  const { createRedisEventTarget } = require('@graphql-yoga/redis-event-target') as typeof import('@graphql-yoga/redis-event-target');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const publishClient = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 }).on('error', onError);
  const subscribeClient = new Redis(options.redisUrl).on('error', onError);
  const target = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  // A SUBSCRIBE sent while the connection is still being set up can be lost (it was, now and
  // then, in tests): the gateway waits for the connection before it serves (`ready`).
  const connected = new Promise<void>((resolve) => subscribeClient.once('ready', () => resolve()));
  return busOver(
    target,
    channel,
    'redis',
    async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
    (timeoutMs) => Promise.race([connected, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())]),
  );
}

interface Target {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  dispatchEvent(event: CustomEvent): boolean;
}

function busOver(
  target: Target,
  channel: (topic: string) => string,
  backend: EventBus['backend'],
  close: () => Promise<void>,
  ready: (timeoutMs: number) => Promise<void>,
): EventBus {
  return {
    backend,
    ready,
    publish: (topic, payload) => void target.dispatchEvent(new CustomEvent(channel(topic), { detail: payload })),
    subscribe: (topic) =>
      new Repeater<unknown>(async (push, stop) => {
        const listener = (event: Event) => void push((event as CustomEvent).detail);
        target.addEventListener(channel(topic), listener);
        await stop;
        target.removeEventListener(channel(topic), listener);
      }, new SlidingBuffer(MAX_PENDING_EVENTS)),
    close,
  };
}
