import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/GatewayConfig';
import { LoaderRegistry } from '../execution/LoaderRegistry';
import { ANONYMOUS, type RequestContext } from '../execution/RequestContext';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import { createFormatError } from './formatError';

export interface GatewayParts {
  readonly config: GatewayConfig;
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Called once the HTTP server has stopped, to release upstream connections. */
  readonly onClose?: () => Promise<void>;
}

export interface Gateway {
  readonly app: FastifyInstance;
  /** `http://host:port`, once listening. */
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Wires the compiled schema into Apollo Server on Fastify, with health, readiness and metrics routes. */
export async function createGateway(parts: GatewayParts): Promise<Gateway> {
  const { config, schema, logger, metrics } = parts;
  const app = Fastify({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    logger,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    // Shutdown is ours (main.ts drains, then exits); Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  let ready = false;

  await app.register(fastifyCors, {
    origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
    methods: ['GET', 'POST', 'OPTIONS'],
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => (ready ? { status: 'ready' } : reply.code(503).send({ status: 'not ready' })));
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  app.route({
    url: '/graphql',
    method: ['GET', 'POST'],
    handler: fastifyApolloHandler(apollo, {
      context: async (): Promise<RequestContext> => ({ caller: ANONYMOUS, loaders: new LoaderRegistry() }),
    }),
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
    async close() {
      ready = false;
      await app.close();
      await apollo.stop();
      await parts.onClose?.();
    },
  };
  return gateway;
}
