import cluster from 'node:cluster';
import { join } from 'node:path';
import type { IResolvers } from '@graphql-tools/utils';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { AuthConfig } from '../auth/AuthConfig';
import { createAuthenticator } from '../auth/createAuthenticator';
import { loadAuthConfig } from '../config/loadAuthConfig';
import type { GatewayConfig } from '../config/GatewayConfig';
import { createCacheStore } from '../cache/createCacheStore';
import { persistedQueryCache } from '../cache/persistedQueryCache';
import { createCallerRateLimiter } from '../limits/createCallerRateLimiter';
import { HttpTransport } from '../http/HttpTransport';
import { createLogger } from '../observability/createLogger';
import { GatewayMetrics } from '../observability/GatewayMetrics';
import { compileSchema } from '../link/compileSchema';
import type { Environment } from '../link/compileSources';
import { loadTypeDefs } from '../schema/loadTypeDefs';
import type { SourceConfig } from '../schema/SourceConfig';
import { loadExampleOperations } from '../playground/loadExampleOperations';
import { resolversForSchemaDir } from '../demo/demoResolvers';
import { createGateway, type Gateway } from './createGateway';
import { SchemaCompileError, type SchemaProblem } from '../schema/SchemaProblem';
import { dependencyReport } from './DependencyReport';
import { watchSchemaDir } from './watchSchemaDir';
import { TrustedDocuments } from '../trustedDocuments/TrustedDocuments';
import { createEventBus } from '../subscriptions/EventBus';
import { clusterEventRelay } from './cluster/clusterEventRelay';
import { clusterDeliveryLedger } from './cluster/clusterDeliveryLedger';
import { storeDeliveryLedger } from '../subscriptions/webhooks/storeDeliveryLedger';
import { ReplayGuard } from '../subscriptions/webhooks/ReplayGuard';
import type { WebhookSource } from '../subscriptions/webhooks/WebhookSource';

export interface BuildGatewayOptions {
  readonly config: GatewayConfig;
  /** Read by `{env.…}` in `@source`. */
  readonly env: Environment;
  /** Schema documents; by default every `*.graphql` in `config.schemaDir`. */
  readonly typeDefs?: readonly (string | DocumentNode)[];
  readonly resolvers?: IResolvers;
  readonly logger?: Logger;
  /** How callers are authenticated (see loadAuthConfig); by default only anonymous callers. */
  readonly auth?: AuthConfig;
}

export interface BuiltGateway extends Gateway {
  readonly metrics: GatewayMetrics;
  /** The sources of the schema being served (replaced by a reload). */
  sources: ReadonlyMap<string, SourceConfig>;
  readonly logger: Logger;
  readonly config: GatewayConfig;
  /**
   * Compiles the schema folder again (SIGHUP, SCHEMA_WATCH): a valid schema is served from the
   * next request on, with no request failed or dropped; an invalid one is refused with its
   * problems logged, and the old one goes on serving. Reloads never overlap.
   */
  reload(): Promise<ReloadOutcome>;
}

export type ReloadOutcome = { readonly reloaded: true } | { readonly reloaded: false; readonly problems: readonly SchemaProblem[] };

/**
 * Compiles the schema and assembles a gateway, not yet listening. Throws `SchemaCompileError`
 * (every problem, with coordinates) before anything listens.
 */
export async function buildGateway(options: BuildGatewayOptions): Promise<BuiltGateway> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new GatewayMetrics();
  const transport = new HttpTransport({ hooks: metrics.transportHooks(), tracing: config.tracing });
  const cache = createCacheStore({
    redisUrl: config.redisUrl,
    namespace: `${config.keyPrefix}:cache`,
    onError: (operation, error) => {
      metrics.cacheErrors.inc({ operation });
      logger.warn({ operation, err: error }, 'cache backend failed; answering from upstreams');
    },
  });
  const rateLimiter = createCallerRateLimiter(config.limits, config.redisUrl, config.keyPrefix);
  const events = createEventBus({
    redisUrl: config.redisUrl,
    channelPrefix: `${config.keyPrefix}:events`,
    relay: cluster.isWorker && config.redisUrl === undefined ? clusterEventRelay() : undefined,
    onError: (error) => logger.warn({ err: error }, 'event bus: Redis failed; events published meanwhile reach this instance only'),
  });
  await events.ready(2000);
  // Reach Redis once before serving, so /readyz says at once whether it is there (after the wait
  // above, which would otherwise outlast the store's memory of a failure).
  if (config.redisUrl !== undefined) await cache.probe();
  const compile = async () => {
    const compiled = await compileSchema({
      typeDefs: options.typeDefs ?? loadTypeDefs(config.schemaDir),
      env: options.env,
      transport,
      cache,
      metrics,
      inferenceTokenBudgetPerHour: config.inferenceTokenBudgetPerHour,
      baseDir: process.cwd(),
      // Hand-written resolvers belong to the schema they were written for: the demo's only with the demo schema.
      resolvers: options.resolvers ?? (options.typeDefs ? {} : resolversForSchemaDir(config.schemaDir)),
      events,
    });
    for (const warning of compiled.warnings)
      logger.warn({ coordinate: warning.coordinate }, `schema: ${warning.coordinate} ${warning.message}`);
    return compiled;
  };
  const { schema, sources, protectedFields, upstreamFields, webhookSources } = await compile();
  let servedWebhookSources: ReadonlyMap<string, WebhookSource> = webhookSources;
  const { manifestPath } = config.trustedDocuments;
  const trustedDocuments = manifestPath === undefined ? undefined : TrustedDocuments.load(manifestPath);
  const gateway = await createGateway({
    ...(trustedDocuments ? { trustedDocuments } : {}),
    config,
    schema,
    protectedFields,
    upstreamFields,
    logger,
    metrics,
    playgroundTabs: loadExampleOperations(join(config.schemaDir, 'examples')),
    authenticate: createAuthenticator(options.auth ?? loadAuthConfig({})),
    persistedQueries: persistedQueryCache(cache),
    rateLimiter,
    events,
    webhookSources: () => servedWebhookSources,
    // Without Redis, the workers of one instance share their memory of deliveries through the primary.
    replays: new ReplayGuard(cluster.isWorker && config.redisUrl === undefined ? clusterDeliveryLedger() : storeDeliveryLedger(cache)),
    sourceNames: () => built.sources.keys(),
    dependencies: async () => {
      if (config.redisUrl !== undefined && !cache.healthy()) await cache.probe();
      return dependencyReport(
        config.redisUrl === undefined ? 'not configured' : cache.healthy() ? 'up' : 'down',
        transport.circuitStates(),
      );
    },
    onClose: async () => {
      await transport.close();
      await cache.close();
      await rateLimiter.close();
      await events.close();
    },
  });
  let reloading: Promise<ReloadOutcome> | undefined;
  const reloadOnce = async (): Promise<ReloadOutcome> => {
    try {
      const compiled = await compile();
      gateway.replaceSchema(compiled);
      built.sources = compiled.sources;
      servedWebhookSources = compiled.webhookSources;
      metrics.schemaReloads.inc({ outcome: 'reloaded' });
      logger.info({ schemaDir: config.schemaDir }, 'schema reloaded');
      return { reloaded: true };
    } catch (error) {
      metrics.schemaReloads.inc({ outcome: 'refused' });
      const problems =
        error instanceof SchemaCompileError
          ? error.problems
          : [{ coordinate: config.schemaDir, message: error instanceof Error ? error.message : String(error) }];
      logger.error({ problems }, 'schema reload refused; the previous schema goes on serving');
      return { reloaded: false, problems };
    }
  };
  const built: BuiltGateway = Object.assign(gateway, {
    config,
    metrics,
    sources,
    logger,
    reload: () => {
      // A reload asked for while one runs waits for it, then compiles what is on disk by then.
      reloading = (reloading ?? Promise.resolve()).then(reloadOnce, reloadOnce);
      return reloading;
    },
  });
  if (config.schemaWatch) {
    const stopWatching = watchSchemaDir(config.schemaDir, () => void built.reload());
    gateway.app.addHook('onClose', async () => stopWatching());
  }
  return built;
}
