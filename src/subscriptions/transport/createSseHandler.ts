import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import { AuthUnavailableError } from '../../errors/AuthUnavailableError';
import type { Authenticate } from '../../auth/createAuthenticator';
import type { Caller } from '../../auth/Caller';
import type { RequestContext } from '../../execution/RequestContext';
import type { GatewayMetrics } from '../../observability/GatewayMetrics';
import type { BoundedCounts } from './BoundedCounts';
import { callerKey } from './callerKey';
import { isRefused, type OperationRunner } from './createOperationRunner';
import { SseBacklog } from './SseBacklog';
import type { SubscriptionLimits } from './SubscriptionLimits';

export interface SseHandlerOptions {
  readonly runner: OperationRunner;
  readonly authenticate: Authenticate;
  readonly limits: SubscriptionLimits;
  readonly contextFor: (caller: Caller, clientAddress: string, headers: FastifyRequest['headers']) => RequestContext;
  /** Connections per caller, shared with the WebSocket transport. */
  readonly connections: BoundedCounts;
  readonly metrics: GatewayMetrics;
}

/** graphql-sse's operation context: the request's own context, carried through its handler. */
type SseContext = { readonly request: RequestContext };

/** How long a slow consumer is given to take its last result before its connection is dropped. */
const SLOW_CONSUMER_GRACE_MS = 5_000;

/** A running subscription of one SSE request: its results, and how far its client is behind. */
interface SseOperation {
  readonly results: AsyncIterableIterator<ExecutionResult>;
  readonly backlog: SseBacklog;
  readonly socket: FastifyRequest['raw']['socket'];
  ended: boolean;
}

/**
 * GraphQL over Server-Sent Events (graphql-sse's "distinct connections" mode: one operation per
 * request, `Accept: text/event-stream`) on `/graphql`. The caller is authenticated from the
 * request's own `Authorization` or `x-api-key` header before the stream opens: credentials that
 * are present but not acceptable get 401 (503 when the signing keys cannot be fetched) with a
 * coded GraphQL error, as over HTTP.
 */
export function createSseHandler(options: SseHandlerOptions): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const contexts = new WeakMap<FastifyRequest, RequestContext>();
  const sockets = new WeakMap<RequestContext, SseOperation['socket']>();
  const operations = new WeakMap<RequestContext, SseOperation>();
  const { maxBufferedBytes } = options.limits;
  const sse = createHandler<SseContext>({
    onSubscribe: (req, params) => {
      const context = contexts.get(req.raw);
      if (context === undefined) throw new Error('SSE request without a context');
      const prepared = options.runner.prepare(params, context);
      if (isRefused(prepared)) return errorResponse(400, 'Bad Request', prepared);
      sockets.set(context, req.raw.raw.socket);
      return { ...prepared, contextValue: { request: context } };
    },
    execute: (args) => options.runner.run({ ...args, contextValue: args.contextValue.request }),
    subscribe: async (args) => {
      const context = args.contextValue.request;
      const result = await options.runner.run({ ...args, contextValue: context });
      const socket = sockets.get(context);
      if (Symbol.asyncIterator in result && socket !== undefined)
        operations.set(context, { results: result, backlog: new SseBacklog(socket), socket, ended: false });
      return result;
    },
    // graphql-sse queues every result at once, whatever the client reads: a client that falls
    // more than SUBSCRIPTION_MAX_BUFFERED_BYTES behind gets one last result saying so instead,
    // its subscription ends, and its connection is dropped if it does not take that in time.
    onNext: ({ request }, _req, result) => {
      const operation = operations.get(request);
      if (operation === undefined || operation.ended) return undefined;
      operation.backlog.add(Buffer.byteLength(JSON.stringify(result)));
      if (operation.backlog.bytes <= maxBufferedBytes) return undefined;
      operation.ended = true;
      options.metrics.subscriptionRefusals.inc({ reason: 'slow_consumer' });
      void operation.results.return?.();
      setTimeout(() => {
        if (operation.socket.writableLength > 0) operation.socket.destroy();
      }, SLOW_CONSUMER_GRACE_MS).unref();
      return slowConsumerResult(maxBufferedBytes);
    },
  });

  return async (request, reply) => {
    let caller: Caller;
    try {
      caller = await options.authenticate(request.headers);
    } catch (error) {
      options.metrics.subscriptionRefusals.inc({ reason: 'token' });
      const message = error instanceof Error ? error.message : 'The credentials are not valid';
      if (error instanceof AuthUnavailableError) return sendError(reply, 503, message, 'AUTH_UNAVAILABLE', true);
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return sendError(reply, 401, message, 'UNAUTHENTICATED', false);
    }
    const release = options.connections.acquire(callerKey(caller, request.ip));
    if (release === undefined) {
      options.metrics.subscriptionRefusals.inc({ reason: 'too_many_connections' });
      const limit = options.limits.connectionsPerCaller;
      return sendError(reply, 429, `Too many connections: at most ${limit} per caller`, 'RATE_LIMITED', true);
    }
    contexts.set(request, options.contextFor(caller, request.ip, request.headers));
    try {
      // The handler writes the response itself, on the raw socket.
      reply.hijack();
      await sse(request, reply);
    } finally {
      release();
    }
  };
}

/** The last result of a subscription whose client read too slowly. */
function slowConsumerResult(maxBufferedBytes: number): ExecutionResult {
  const message = `Slow consumer: more than ${maxBufferedBytes} bytes waited to be sent; the subscription has ended`;
  return { errors: [new GraphQLError(message, { extensions: { code: 'SLOW_CONSUMER', retryable: true } })] };
}

function errorResponse(status: number, statusText: string, errors: readonly { toJSON(): unknown }[]) {
  return [
    JSON.stringify({ errors: errors.map((error) => error.toJSON()) }),
    { status, statusText, headers: { 'content-type': 'application/json; charset=utf-8' } },
  ] as const;
}

function sendError(reply: FastifyReply, status: number, message: string, code: string, retryable: boolean): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code, retryable } }] });
}
