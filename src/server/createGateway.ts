import { ApolloServer } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type RequestListener } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { GraphQLSchema } from 'graphql';
import { toGraphQLError } from '../errors/toGraphQLError';
import { AuthenticationError } from '../errors/AuthenticationError';
import { AuthUnavailableError } from '../errors/AuthUnavailableError';
import type { Authenticate } from '../auth/createAuthenticator';
import { RequestAudit } from '../execution/RequestAudit';
import { writeAuditLine, type AuditRecord } from '../plugins/auditLog';
import { reportInferenceUsage } from '../plugins/inferenceUsage';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/GatewayConfig';
import type { TrustProxy } from '../config/parseTrustProxy';
import { LoaderRegistry } from '../execution/LoaderRegistry';
import type { RequestContext } from '../execution/RequestContext';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import { registerPlayground } from '../playground/registerPlayground';
import { registerStatusPage } from '../status/registerStatusPage';
import type { PlaygroundTab } from '../playground/renderPlaygroundPage';
import type { CallerRateLimiter } from '../limits/createCallerRateLimiter';
import { queryLimits } from '../limits/queryLimits';
import { rateLimitPlugin } from '../plugins/rateLimitPlugin';
import { countOperations } from '../plugins/operationMetrics';
import { nameOperationSpan } from '../plugins/operationSpan';
import { observeRequests } from '../plugins/observeRequests';
import { inOperationSpan } from '../observability/tracing/inOperationSpan';
import { setCacheControlHeader } from '../plugins/cacheControlHeader';
import { graphqlOverHttpStatus } from '../plugins/graphqlOverHttpStatus';
import { trustedDocumentsPlugin } from '../plugins/trustedDocumentsPlugin';
import type { TrustedDocuments } from '../trustedDocuments/TrustedDocuments';
import { requestBodyErrorHandler } from './requestBodyErrorHandler';
import { compiledExecutionGateway, type ServedSchema } from './compiledExecutionGateway';
import type { DependencyReport } from './DependencyReport';
import type { UpstreamFields } from '../execution/plan/responsePathSources';
import { createFormatError } from './formatError';
import { isPlainGraphQLPost } from './isPlainGraphQLPost';
import { serveGraphQLPost } from './serveGraphQLPost';
import type { EventBus } from '../subscriptions/EventBus';
import { acceptsEventStream, registerSubscriptions } from '../subscriptions/registerSubscriptions';
import type { ReplayGuard } from '../subscriptions/webhooks/ReplayGuard';
import type { WebhookSource } from '../subscriptions/webhooks/WebhookSource';

export interface GatewayParts {
  readonly config: GatewayConfig;
  readonly schema: GraphQLSchema;
  /** `Type.field` coordinates guarded by an access rule (they make a response private). */
  readonly protectedFields?: ReadonlySet<string>;
  /** `Type.field` → source, for the fields bound to an upstream (to name the source of a value that does not fit). */
  readonly upstreamFields?: UpstreamFields;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly authenticate: Authenticate;
  /** Per-caller rate limits; none when absent. */
  readonly rateLimiter?: CallerRateLimiter;
  /**
   * The state of what every instance shares (Redis, each source's circuit), for `/dependencies`.
   * Never for `/readyz`: a shared dependency down is down for the whole fleet, and taking every
   * instance out of the load balancer would turn a degraded service into an outage.
   */
  readonly dependencies?: () => Promise<DependencyReport>;
  /** Where automatic persisted queries are stored (the shared cache backend). */
  readonly persistedQueries: KeyValueCache<string>;
  /** Example operations for the playground's tabs. */
  readonly playgroundTabs?: readonly PlaygroundTab[];
  /** The trusted operations, when a manifest is configured. */
  readonly trustedDocuments?: TrustedDocuments;
  /** The names of the sources being served, for the status page. */
  readonly sourceNames?: () => Iterable<string>;
  /** Where webhook events meet subscriptions (memory, or Redis pub/sub across instances). */
  readonly events: EventBus;
  /** The upstreams allowed to POST to `/webhooks/<name>` (a reload may change them). */
  readonly webhookSources?: () => ReadonlyMap<string, WebhookSource>;
  /** Remembers webhook delivery ids, to refuse replays. */
  readonly replays: ReplayGuard;
  /** Called once the HTTP server has stopped, to release upstream connections. */
  readonly onClose?: () => Promise<void>;
}

export interface Gateway {
  readonly app: FastifyInstance;
  /** `http://host:port`, once listening. */
  url: string;
  listen(): Promise<string>;
  /** Turns /readyz to 503 at once, so load balancers stop sending traffic; serving goes on. */
  beginShutdown(): void;
  /**
   * Completes every subscription and closes WebSocket connections (1001), stops listening, lets
   * in-flight requests finish, then releases upstream and Redis connections.
   */
  close(): Promise<void>;
  /** Serves another compiled schema from the next request on (requests in flight finish on the old one). */
  replaceSchema(served: ServedSchema): void;
}

/** Wires the compiled schema into Apollo Server on Fastify, with health, readiness and metrics routes. */
export async function createGateway(parts: GatewayParts): Promise<Gateway> {
  const { config, schema, logger, metrics, authenticate } = parts;
  const auditLogger = logger.child({ channel: 'audit' });
  const trustProxy = fastifyTrustProxy(config.trustProxy);
  /** Plain GraphQL POSTs, served straight through Apollo once it has started (see serveGraphQLPost). */
  const plainPost: { serve?: RequestListener } = {};
  let shuttingDown = false;
  const app = Fastify({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Only a trusted hop's X-Forwarded-For names the client; otherwise the socket's peer does.
    trustProxy,
    // Fastify's own HTTP server, but a plain GraphQL POST is answered before Fastify routes it;
    // while draining, every request goes through Fastify (its 503s and `connection: close`).
    serverFactory(fastifyHandler, options) {
      const server = createServer((request, response) => {
        if (plainPost.serve !== undefined && !shuttingDown && isPlainGraphQLPost(request, '/graphql', config.bodyLimitBytes)) {
          plainPost.serve(request, response);
        } else {
          fastifyHandler(request, response);
        }
      });
      // What Fastify sets on a server it creates itself (its options arrive with its defaults filled in).
      const numberOption = (name: string): number => {
        const value = options[name];
        return typeof value === 'number' ? value : 0;
      };
      server.keepAliveTimeout = numberOption('keepAliveTimeout');
      server.requestTimeout = numberOption('requestTimeout');
      server.setTimeout(numberOption('connectionTimeout'));
      if (numberOption('maxRequestsPerSocket') > 0) server.maxRequestsPerSocket = numberOption('maxRequestsPerSocket');
      return server;
    },
  });
  const limits = queryLimits(config.limits);
  const formatError = createFormatError(logger);
  /** The schema subscriptions are served from: the one queries are served from. */
  let servedSchema = schema;
  let servedUpstreamFields = parts.upstreamFields ?? new Map<string, string>();
  const executionGateway = compiledExecutionGateway({
    schema,
    protectedFields: parts.protectedFields ?? new Set(),
    upstreamFields: parts.upstreamFields ?? new Map(),
    maxPlans: config.maxOperationPlans,
  });
  const apollo = new ApolloServer<RequestContext>({
    gateway: executionGateway,
    logger,
    formatError,
    includeStacktraceInErrorResponses: false,
    persistedQueries: { cache: parts.persistedQueries },
    // Suggestions ("Did you mean …?") are taken out of every message by formatError, validation's
    // included: Apollo's hideSchemaDetailsFromClientErrors would do it again through a plugin with
    // hooks on every request.
    introspection: config.introspection,
    // Shutdown is ours (main.ts drains, then exits); Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: config.limits.maxTokens },
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache control does work on every resolved field (and wraps every resolver to do
      // it); each operation's plan computes its policy once instead.
      ApolloServerPluginCacheControlDisabled(),
      // Every concern that only watches requests, behind one plugin: one set of hooks per request.
      observeRequests([
        setCacheControlHeader(),
        graphqlOverHttpStatus(),
        reportInferenceUsage(),
        writeAuditLine(auditLogger),
        countOperations(metrics),
        ...(config.tracing ? [nameOperationSpan()] : []),
      ]),
      ...(parts.trustedDocuments
        ? [
            trustedDocumentsPlugin({
              documents: parts.trustedDocuments,
              mode: config.trustedDocuments.mode,
              exemptScopes: config.trustedDocuments.exemptScopes,
              logger,
            }),
          ]
        : []),
      ...limits.plugins,
      ...(parts.rateLimiter && config.limits.rateLimitPoints > 0 ? [rateLimitPlugin(parts.rateLimiter)] : []),
    ],
  });
  await apollo.start();
  app.setErrorHandler(requestBodyErrorHandler);
  let ready = false;
  // While draining, every response closes its connection, so keep-alive clients cannot hold the
  // server open after their last in-flight request.
  // A callback hook, not an async one: it runs on every response, and costs no promise this way.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (shuttingDown) reply.header('connection', 'close');
    done(null, payload);
  });

  await app.register(fastifyCors, {
    origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
    methods: ['GET', 'POST', 'OPTIONS'],
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  // This instance alone: listening, schema compiled, not draining.
  app.get('/readyz', async (_request, reply) => {
    if (!ready) return reply.code(503).send({ status: 'not ready', reasons: ['not listening, or shutting down'] });
    return { status: 'ready' };
  });
  app.get('/dependencies', async () => (await parts.dependencies?.()) ?? { status: 'ok', redis: 'not configured', sources: {} });
  app.get('/metrics', async (_request, reply) => {
    try {
      const text = await metrics.exposition();
      reply.header('content-type', metrics.registry.contentType);
      return text;
    } catch (error) {
      // A worker could not get the sum over every worker: no answer rather than a partial sum,
      // which would read as counters going back.
      logger.warn({ err: error }, 'metrics unavailable');
      return reply
        .code(503)
        .type('text/plain')
        .send(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
  if (config.statusPage) registerStatusPage(app, metrics, parts.sourceNames ?? (() => []));
  const servePlayground = config.playground ? registerPlayground(app, '/graphql', parts.playgroundTabs ?? []) : undefined;
  const subscriptions = await registerSubscriptions({
    app,
    path: '/graphql',
    schema: () => servedSchema,
    upstreamFields: () => servedUpstreamFields,
    limits: config.subscriptions,
    validationRules: limits.validationRules,
    maxTokens: config.limits.maxTokens,
    requestTimeoutMs: config.requestTimeoutMs,
    authenticate,
    formatError,
    metrics,
    logger,
    bus: parts.events,
    webhookSources: parts.webhookSources ?? (() => new Map()),
    replays: parts.replays,
  });
  // One `then`, not an async function awaiting another: this runs for every request.
  const contextFor = (clientAddress: string, headers: IncomingHttpHeaders): Promise<RequestContext> =>
    authenticate(headers).then(
      (caller): RequestContext => ({
        caller,
        clientAddress,
        loaders: new LoaderRegistry(),
        audit: new RequestAudit(),
        deadline: Date.now() + config.requestTimeoutMs,
        clientHeaders: headers,
      }),
      (error: unknown) => {
        throw refuseCredentials(error, auditLogger);
      },
    );
  const handleHttp = tracedHandler(
    config.tracing,
    fastifyApolloHandler(apollo, { context: async (request) => contextFor(request.ip, request.headers) }),
  );
  plainPost.serve = serveGraphQLPost({
    apollo,
    context: contextFor,
    clientAddress: clientAddressOf(trustProxy),
    // @fastify/cors marks every answer as varying with Origin (its origin option is not a fixed string).
    headers: [['vary', 'Origin']],
    draining: () => shuttingDown,
    around: config.tracing ? inOperationSpan : (_headers, run) => run(),
    logger,
  });
  // Apollo's handler answers a string body (its route type says so).
  app.route<{ Reply: string }>({
    url: '/graphql',
    method: ['GET', 'POST'],
    ...(servePlayground ? { onRequest: servePlayground } : {}),
    handler(request, reply) {
      return acceptsEventStream(request.headers.accept)
        ? subscriptions.handleEventStream(request, reply)
        : handleHttp.call(this, request, reply);
    },
  });

  const gateway: Gateway = {
    app,
    url: '',
    async listen() {
      const address = await app.listen({ host: config.host, port: config.port });
      gateway.url = address;
      ready = true;
      return address;
    },
    replaceSchema(served) {
      executionGateway.replaceSchema(served);
      servedSchema = served.schema;
      servedUpstreamFields = served.upstreamFields;
    },
    beginShutdown() {
      ready = false;
      shuttingDown = true;
    },
    async close() {
      ready = false;
      shuttingDown = true;
      await subscriptions.close(config.shutdownGraceMs);
      await app.close();
      await apollo.stop();
      await parts.onClose?.();
    },
  };
  return gateway;
}

/**
 * With tracing on, each GraphQL request runs inside its operation span (see inOperationSpan).
 * The handler keeps its own type: only its first argument, the request, is read here.
 */
function tracedHandler<H extends (...args: never[]) => unknown>(tracing: boolean, handler: H): H {
  if (!tracing) return handler;
  const call = handler as unknown as (
    this: unknown,
    request: { headers: Record<string, string | string[] | undefined> },
    ...rest: unknown[]
  ) => unknown;
  return function (this: unknown, request: { headers: Record<string, string | string[] | undefined> }, ...rest: unknown[]) {
    return inOperationSpan(request.headers, async () => call.call(this, request, ...rest));
  } as unknown as H;
}

/** The client's address as Fastify's `request.ip` reads it under the same trust setting. */
function clientAddressOf(trust: ReturnType<typeof fastifyTrustProxy>): (request: IncomingMessage) => string {
  if (trust === false) return (request) => request.socket.remoteAddress ?? '';
  const trusted = typeof trust === 'function' ? trust : trust === true ? () => true : proxyAddr.compile(trust);
  return (request) => proxyAddr(request, trusted);
}

/** `TRUST_PROXY` as Fastify takes it: a number of hops is a function trusting the nearest N. */
function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}

/**
 * Credentials that were presented but cannot be accepted refuse the whole request: 401 with
 * UNAUTHENTICATED, or 503 when the signing keys cannot be fetched to check them.
 */
function refuseCredentials(error: unknown, auditLogger: Logger): unknown {
  if (!(error instanceof AuthUnavailableError) && !(error instanceof AuthenticationError)) return error;
  const record: AuditRecord = {
    audit: true,
    subject: null,
    via: 'rejected',
    operationName: null,
    denied: [],
    upstreamCalls: {},
    outcome: 'unauthenticated',
    durationMs: 0,
  };
  auditLogger.info({ ...record, reason: error.message }, 'graphql request refused');
  return toGraphQLError(error);
}
