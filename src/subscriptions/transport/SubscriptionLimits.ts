/** Limits of the WebSocket and SSE transports, read from the environment (see the README's configuration table). */
export interface SubscriptionLimits {
  /** Subscriptions one WebSocket connection may run at once. */
  readonly perConnection: number;
  /** Subscriptions one caller may run at once on this instance, over every connection. */
  readonly perCaller: number;
  /** WebSocket connections and SSE streams one caller may hold open at once on this instance. */
  readonly connectionsPerCaller: number;
  /** Largest WebSocket message accepted from a client; a larger one closes the connection (1009). */
  readonly maxMessageBytes: number;
  /** Interval of WebSocket pings; a client that has not answered the previous one is disconnected. 0 turns pings off. */
  readonly keepAliveMs: number;
  /** Bytes a client may fall behind by before it is disconnected as a slow consumer (WebSocket 4008, SSE `SLOW_CONSUMER`). */
  readonly maxBufferedBytes: number;
}

export const SUBSCRIPTION_LIMIT_DEFAULTS: SubscriptionLimits = Object.freeze({
  perConnection: 100,
  perCaller: 500,
  connectionsPerCaller: 50,
  maxMessageBytes: 64 * 1024,
  keepAliveMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
});
