/**
 * WebSocket close codes the gateway uses beyond graphql-ws's own (4400 bad message, 4401
 * unauthorized, 4403 forbidden, 4408 init timeout, 4409 duplicate id, 4429 too many inits).
 * RFC 6455 §7.4.2 leaves 4000–4999 to applications.
 */
export const CLOSE_CODES = Object.freeze({
  /** The server is shutting down (RFC 6455 1001, "going away"): reconnect to another instance. */
  goingAway: 1001,
  /** The signing keys cannot be fetched to check the token now (RFC 6455 1013, "try again later"). */
  tryAgainLater: 1013,
  /** The caller already holds CONNECTIONS_PER_CALLER connections. */
  tooManyConnections: 4029,
  /** The client read too slowly: more than SUBSCRIPTION_MAX_BUFFERED_BYTES waited to be sent. */
  slowConsumer: 4008,
  /** No pong came back for the last ping. */
  keepAliveTimeout: 4002,
});
