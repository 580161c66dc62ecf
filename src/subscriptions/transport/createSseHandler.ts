import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import { AuthUnavailableError } from '../../errors/AuthUnavailableError';
import type { Authenticate } from '../../auth/createAuthenticator';
import type { Caller } from '../../auth/Caller';
import type { RequestContext } from '../../execution/RequestContext';
import type { GatewayMetrics } from '../../observability/GatewayMetrics';
import type { BoundedCounts } from './BoundedCounts';
import { callerKey } from './callerKey';
import { isRefused, type OperationRunner } from './createOperationRunner';
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

/**
 * GraphQL over Server-Sent Events (graphql-sse's "distinct connections" mode: one operation per
 * request, `Accept: text/event-stream`) on `/graphql`. The caller is authenticated from the
 * request's own `Authorization` or `x-api-key` header before the stream opens: credentials that
 * are present but not acceptable get 401 (503 when the signing keys cannot be fetched) with a
 * coded GraphQL error, as over HTTP.
 */
export function createSseHandler(options: SseHandlerOptions): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const contexts = new WeakMap<FastifyRequest, RequestContext>();
  const sse = createHandler<SseContext>({
    onSubscribe: (req, params) => {
      const context = contexts.get(req.raw);
      if (context === undefined) throw new Error('SSE request without a context');
      const prepared = options.runner.prepare(params, context);
      if (isRefused(prepared)) return errorResponse(400, 'Bad Request', prepared);
      return { ...prepared, contextValue: { request: context } };
    },
    execute: (args) => options.runner.run({ ...args, contextValue: args.contextValue.request }),
    subscribe: (args) => options.runner.run({ ...args, contextValue: args.contextValue.request }),
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
