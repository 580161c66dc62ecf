import cluster from 'node:cluster';
import type { Logger } from 'pino';
import type { AuthConfig } from './auth/AuthConfig';
import { loadAuthConfig } from './config/loadAuthConfig';
import { hasConfiguredVerification, loadDevelopmentSecret, DEVELOPMENT_SECRET_FILE } from './auth/loadDevelopmentSecret';
import type { GatewayConfig } from './config/GatewayConfig';
import { loadConfig } from './config/loadConfig';
import type { DemoUpstreams } from './demo/startDemoUpstreams';
import { createLogger } from './observability/createLogger';
import { runWorker } from './server/cluster/runWorker';
import { superviseWorkers } from './server/cluster/superviseWorkers';
import { describeStartupFailure } from './server/describeStartupFailure';
import { drainGateway, drainTiming } from './server/drainGateway';
import { printBanner } from './server/printBanner';
import { tracingConfigured } from './observability/tracing/tracingConfigured';

/**
 * `npm start`: the gateway on every core (WORKERS), plus embedded demo upstreams for every source
 * whose URL is unset. The primary starts the demos once and hands their URLs to the workers.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Created here, before any worker runs, so that every worker reads the same secret.
  const developmentSecret = hasConfiguredVerification(process.env) ? undefined : loadDevelopmentSecret();
  const auth = loadAuthConfig(process.env, developmentSecret);
  const logger = createLogger(config.logLevel);
  const { startDemoUpstreams } = loadDemoUpstreams();
  const demos = await startDemoUpstreams(process.env);
  const announce = async (url: string): Promise<void> => {
    demos.deliverWebhooksTo(url);
    for (const demo of demos.started) logger.info({ source: demo.name, url: demo.url }, 'demo upstream started');
    logger.info({ url: `${url}/graphql`, workers: config.workers }, 'gateway ready');
    if (developmentSecret !== undefined) {
      logger.warn(`JWT_SECRET and JWKS_URL are not set: tokens are verified with the development secret in ${DEVELOPMENT_SECRET_FILE}`);
    }
    await printBanner(url, developmentSecret);
  };
  if (config.workers === 1) await serveAlone(config, auth, demos, logger, announce);
  else await superviseCluster(config, demos, logger, announce);
}

/** WORKERS=1: the gateway in this process, no cluster. */
async function serveAlone(
  config: GatewayConfig,
  auth: AuthConfig,
  demos: DemoUpstreams,
  logger: Logger,
  announce: (url: string) => Promise<void>,
): Promise<void> {
  const { buildGateway } = loadBuildGateway();
  const stopTracing = startTracingIfConfigured();
  const gateway = await buildGateway({ config, env: demos.env, auth, logger }).catch(async (error: unknown) => {
    await demos.close();
    throw error;
  });
  await announce(await gateway.listen());

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void drainGateway(gateway, drainTiming(config)).then(async (closed) => {
      if (!closed) {
        logger.error('shutdown grace period exceeded; exiting');
        process.exit(1);
      }
      await demos.close();
      // The last spans go out before the process does.
      await stopTracing?.();
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => {
    if (!stopping) void gateway.reload();
  });
}

/** The cluster primary: workers serve, the primary supervises them and owns the demo upstreams. */
async function superviseCluster(
  config: GatewayConfig,
  demos: DemoUpstreams,
  logger: Logger,
  announce: (url: string) => Promise<void>,
): Promise<void> {
  const code = await superviseWorkers({
    workers: config.workers,
    connectionBalancing: config.connectionBalancing,
    env: demos.env,
    logger,
    drainMs: config.shutdownDelayMs + config.shutdownGraceMs,
    restart: true,
    onReady: announce,
  });
  await demos.close();
  if (code === 0) logger.info('stopped');
  process.exit(code);
}

/** A cluster worker: the primary passed the demos' URLs in the environment. */
function serveAsWorker(): void {
  runWorker(async () => {
    const config = loadConfig(process.env);
    const auth = loadAuthConfig(process.env, hasConfiguredVerification(process.env) ? undefined : loadDevelopmentSecret());
    const logger = createLogger(config.logLevel).child({ worker: cluster.worker?.id });
    const { buildGateway } = loadBuildGateway();
    const stopTracing = startTracingIfConfigured();
    return {
      gateway: await buildGateway({ config, env: process.env, auth, logger }),
      drain: drainTiming(config),
      ...(stopTracing ? { finish: stopTracing } : {}),
    };
  });
}

/*
 * Each process loads only what it runs — the cluster primary never builds a gateway, workers never
 * start demos — since loading Apollo Server or the SOAP demo where it is not used adds to every
 * start. require, not import(): this is CommonJS, and Node16 resolution would keep import() as an
 * ES module load.
 */
function loadBuildGateway(): typeof import('./server/buildGateway') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  return require('./server/buildGateway') as typeof import('./server/buildGateway');
}

/** The OpenTelemetry SDK is loaded only when an OTLP endpoint is configured. */
function startTracingIfConfigured(): (() => Promise<void>) | undefined {
  if (!tracingConfigured(process.env)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  const { startTracing } = require('./observability/tracing/startTracing') as typeof import('./observability/tracing/startTracing');
  return startTracing(process.env);
}

function loadDemoUpstreams(): typeof import('./demo/startDemoUpstreams') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, see above
  return require('./demo/startDemoUpstreams') as typeof import('./demo/startDemoUpstreams');
}

if (cluster.isWorker) {
  serveAsWorker();
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${describeStartupFailure(error)}\n`);
    process.exit(1);
  });
}
