import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { Authenticate } from '../auth/createAuthenticator';
import { LoaderRegistry } from '../execution/LoaderRegistry';
import { RequestAudit } from '../execution/RequestAudit';
import type { Caller } from '../auth/Caller';
import type { RequestContext } from '../execution/RequestContext';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import type { EventBus } from './EventBus';
import { attachWebSocketTransport } from './transport/attachWebSocketTransport';
import { BoundedCounts } from './transport/BoundedCounts';
import { createOperationRunner, type OperationRunnerOptions } from './transport/createOperationRunner';
import { createSseHandler } from './transport/createSseHandler';
import type { FormatError } from './transport/formatResult';
import { LiveSubscriptions } from './transport/LiveSubscriptions';
import type { SubscriptionLimits } from './transport/SubscriptionLimits';
import { registerWebhookRoute } from './webhooks/registerWebhookRoute';
import type { ReplayGuard } from './webhooks/ReplayGuard';
import type { WebhookSource } from './webhooks/WebhookSource';
import type { UpstreamFields } from '../execution/plan/responsePathSources';

export interface SubscriptionsOptions {
  readonly app: FastifyInstance;
  /** The path both transports serve, next to Apollo Server's HTTP. */
  readonly path: string;
  /** The schema being served now. */
  readonly schema: () => GraphQLSchema;
  /** `Type.field` → source of the schema served now (to name the source of a value that does not fit). */
  readonly upstreamFields: () => UpstreamFields;
  readonly limits: SubscriptionLimits;
  readonly validationRules: readonly ValidationRule[];
  readonly maxTokens: number;
  readonly requestTimeoutMs: number;
  readonly authenticate: Authenticate;
  readonly formatError: FormatError;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly bus: EventBus;
  readonly webhookSources: () => ReadonlyMap<string, WebhookSource>;
  readonly replays: ReplayGuard;
}

export interface Subscriptions {
  /** Serves a GraphQL-over-SSE request (the caller checked `acceptsEventStream`). */
  readonly handleEventStream: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Subscriptions running now. */
  readonly live: LiveSubscriptions;
  /**
   * Completes every subscription (clients get `complete`), then closes WebSocket connections with
   * 1001, waiting up to `graceMs` for clients to close their side.
   */
  close(graceMs: number): Promise<void>;
}

/**
 * Real time next to Apollo Server: GraphQL over WebSocket and over SSE on `path`, sharing the
 * schema, authentication, access rules, limits and error formatting of HTTP requests, and the
 * signed webhooks that feed them at `/webhooks/<source>`.
 */
export async function registerSubscriptions(options: SubscriptionsOptions): Promise<Subscriptions> {
  const { limits, metrics } = options;
  const live = new LiveSubscriptions(limits.perCaller);
  const connections = new BoundedCounts(limits.connectionsPerCaller);
  const runnerFor = (transport: 'ws' | 'sse') => {
    const runnerOptions: OperationRunnerOptions = {
      schema: options.schema,
      validationRules: options.validationRules,
      maxTokens: options.maxTokens,
      requestTimeoutMs: options.requestTimeoutMs,
      formatError: options.formatError,
      upstreamFields: options.upstreamFields,
      live,
      observe: {
        started: () => metrics.subscriptionsActive.inc({ transport }),
        ended: (reason) => {
          metrics.subscriptionsActive.dec({ transport });
          if (reason === 'token_expired') metrics.subscriptionRefusals.inc({ reason });
        },
        delivered: () => metrics.subscriptionEvents.inc({ transport }),
        refused: () => metrics.subscriptionRefusals.inc({ reason: 'too_many_subscriptions' }),
      },
    };
    return createOperationRunner(runnerOptions);
  };
  const contextFor = (caller: Caller, clientAddress: string, clientHeaders?: FastifyRequest['headers']): RequestContext => ({
    caller,
    clientAddress,
    loaders: new LoaderRegistry(),
    audit: new RequestAudit(),
    deadline: Date.now() + options.requestTimeoutMs,
    ...(clientHeaders ? { clientHeaders } : {}),
  });
  const webSockets = attachWebSocketTransport({
    server: options.app.server,
    path: options.path,
    runner: runnerFor('ws'),
    authenticate: options.authenticate,
    limits,
    contextFor,
    connections,
    metrics,
    logger: options.logger,
  });
  const handleEventStream = createSseHandler({
    runner: runnerFor('sse'),
    authenticate: options.authenticate,
    limits,
    contextFor,
    connections,
    metrics,
  });
  await registerWebhookRoute(options.app, {
    sources: options.webhookSources,
    bus: options.bus,
    replays: options.replays,
    logger: options.logger,
    count: (source, outcome) => metrics.webhookDeliveries.inc({ source, outcome }),
  });
  return {
    handleEventStream,
    live,
    async close(graceMs) {
      live.completeAll();
      await webSockets.close(graceMs);
    },
  };
}

/** A GraphQL-over-SSE request asks for an event stream; every other request goes to Apollo Server. */
export function acceptsEventStream(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('text/event-stream');
}
