import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError } from 'graphql';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { AuthUnavailableError } from '../../errors/AuthUnavailableError';
import type { Authenticate } from '../../auth/createAuthenticator';
import type { Caller } from '../../auth/Caller';
import type { RequestContext } from '../../execution/RequestContext';
import type { GatewayMetrics } from '../../observability/GatewayMetrics';
import { BoundedCounts } from './BoundedCounts';
import { callerKey } from './callerKey';
import { CLOSE_CODES } from './closeCodes';
import { isRefused, type OperationRunner } from './createOperationRunner';
import type { SubscriptionLimits } from './SubscriptionLimits';

export interface WebSocketTransportOptions {
  readonly server: Server;
  readonly path: string;
  readonly runner: OperationRunner;
  readonly authenticate: Authenticate;
  readonly limits: SubscriptionLimits;
  /** The context of one operation of this caller (each event then gets fresh loaders and deadline). */
  readonly contextFor: (caller: Caller, clientAddress: string) => RequestContext;
  /** Connections per caller, shared with the SSE transport. */
  readonly connections: BoundedCounts;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
}

export interface WebSocketTransport {
  /** Closes every connection with 1001 (going away), waiting up to `graceMs` for clients to close their side. */
  close(graceMs: number): Promise<void>;
}

/** What the gateway keeps about one WebSocket connection. */
interface Connection {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  caller?: Caller;
  releaseConnection?: () => void;
  /** Subscription ids running on this connection. */
  readonly operations: Set<string>;
}

/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol of the graphql-ws library) on the
 * HTTP server's `/graphql`, next to Apollo Server. The token comes in `connection_init`'s payload
 * (`{ "authorization": "Bearer …" }`, or `x-api-key`), as browsers cannot set headers on a
 * WebSocket; a token that is present but invalid closes the connection (4403) before any
 * operation. Each message is sent without waiting for the client: `bufferedAmount` then shows a
 * client that reads too slowly, which is disconnected (4008) instead of growing memory.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const { limits, metrics, logger } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, handleProtocols });
  const server = makeServer<Record<string, unknown> | undefined, Connection>({
    onConnect: async (ctx) => {
      const connection = ctx.extra;
      const clientAddress = connection.request.socket.remoteAddress ?? '';
      try {
        connection.caller = await options.authenticate(credentialsOf(ctx.connectionParams));
      } catch (error) {
        const unavailable = error instanceof AuthUnavailableError;
        metrics.subscriptionRefusals.inc({ reason: 'token' });
        const message = error instanceof Error ? error.message : 'The credentials are not valid';
        connection.socket.close(unavailable ? CLOSE_CODES.tryAgainLater : CloseCode.Forbidden, closeReason(message));
        return false;
      }
      const release = options.connections.acquire(callerKey(connection.caller, clientAddress));
      if (release === undefined) {
        metrics.subscriptionRefusals.inc({ reason: 'too_many_connections' });
        connection.socket.close(
          CLOSE_CODES.tooManyConnections,
          closeReason(`Too many connections: at most ${limits.connectionsPerCaller} per caller`),
        );
        return false;
      }
      connection.releaseConnection = release;
      return true;
    },
    onSubscribe: (ctx, id, payload) => {
      const connection = ctx.extra;
      if (connection.operations.size >= limits.perConnection) {
        metrics.subscriptionRefusals.inc({ reason: 'too_many_subscriptions' });
        return [
          new GraphQLError(`Too many subscriptions: at most ${limits.perConnection} at once per connection`, {
            extensions: { code: 'RATE_LIMITED', retryable: false },
          }),
        ];
      }
      const caller = connection.caller;
      if (caller === undefined) return [new GraphQLError('Not connected', { extensions: { code: 'UNAUTHENTICATED', retryable: false } })];
      const prepared = options.runner.prepare(payload, options.contextFor(caller, connection.request.socket.remoteAddress ?? ''));
      if (!isRefused(prepared)) connection.operations.add(id);
      return prepared;
    },
    onComplete: (ctx, id) => {
      ctx.extra.operations.delete(id);
    },
    execute: (args) => options.runner.run(args),
    subscribe: (args) => options.runner.run(args),
  });

  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== options.path) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  };
  options.server.on('upgrade', upgrade);

  const open = new Set<Connection>();
  sockets.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const connection: Connection = { socket, request, operations: new Set() };
    open.add(connection);
    socket.on('error', (error) => logger.warn({ err: error }, 'websocket error'));
    const keepAlive = keepAliveTimer(socket, limits.keepAliveMs, () => metrics.subscriptionRefusals.inc({ reason: 'keepalive' }));
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > limits.maxBufferedBytes) {
            metrics.subscriptionRefusals.inc({ reason: 'slow_consumer' });
            cut(socket, CLOSE_CODES.slowConsumer, `Slow consumer: more than ${limits.maxBufferedBytes} bytes waited to be sent`);
            return;
          }
          socket.send(data);
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (receive) =>
          socket.on('message', (message) => {
            receive(textOf(message)).catch((error: unknown) => {
              logger.error({ err: error }, 'websocket message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      connection,
    );
    socket.once('close', (code, reason) => {
      open.delete(connection);
      keepAlive.stop();
      connection.releaseConnection?.();
      void closed(code, String(reason));
    });
  });

  return {
    async close(graceMs) {
      options.server.off('upgrade', upgrade);
      // Subscriptions were told to complete: let each send its `complete` before the socket closes.
      const deadline = Date.now() + graceMs;
      while ([...open].some((connection) => connection.operations.size > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.all(
        [...sockets.clients].map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === socket.CLOSED) return resolve();
              socket.once('close', () => resolve());
              socket.close(CLOSE_CODES.goingAway, 'Going away: the server is shutting down');
              setTimeout(() => socket.terminate(), graceMs).unref();
            }),
        ),
      );
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}

/** The credentials of `connection_init`'s payload, as the authenticator reads them from headers. */
function credentialsOf(params: Readonly<Record<string, unknown>> | undefined): Record<string, string | undefined> {
  const read = (...names: string[]) => {
    for (const name of names) {
      const value = params?.[name];
      if (typeof value === 'string' && value !== '') return value;
    }
    return undefined;
  };
  return { authorization: read('authorization', 'Authorization'), 'x-api-key': read('x-api-key', 'apiKey') };
}

function textOf(message: RawData): string {
  if (Array.isArray(message)) return Buffer.concat(message).toString('utf8');
  return Buffer.isBuffer(message) ? message.toString('utf8') : Buffer.from(new Uint8Array(message)).toString('utf8');
}

/** Close reasons are limited to 123 bytes (RFC 6455 §5.5). */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString()}…`;
}

/** Closes with a code, and drops the socket if the client does not take the close frame soon. */
function cut(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, closeReason(reason));
  setTimeout(() => socket.terminate(), 5_000).unref();
}

/** Pings every `intervalMs`; a socket that did not answer the previous ping is dropped. */
function keepAliveTimer(socket: WebSocket, intervalMs: number, onTimeout: () => void): { stop(): void } {
  if (intervalMs <= 0) return { stop: () => undefined };
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) {
      onTimeout();
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
