/**
 * Serves bench/schema (the Tailcall benchmark schema) for the throughput harness in
 * ../shared/bench. Run it compiled (bench/run.sh builds it into bench/dist), not through tsx.
 *
 *   BENCH_UPSTREAM_URL  upstream base URL (default http://127.0.0.1:3000)
 *   PORT, LOG_LEVEL     as for the gateway (defaults 4000 and warn); here PLAYGROUND defaults to false and
 *                       RATE_LIMIT_POINTS to 0 (off); every other gateway setting is read as usual
 *   WORKERS             number of node:cluster workers sharing the port (default, as for npm start: one per
 *                       core; 1: no cluster); a worker that dies stops the run rather than being replaced
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayConfig } from '../src/config/GatewayConfig';
import { loadConfig } from '../src/config/loadConfig';
import { createLogger } from '../src/observability/createLogger';
import { loadTypeDefs } from '../src/schema/loadTypeDefs';
import { buildGateway, type BuiltGateway } from '../src/server/buildGateway';
import { runWorker } from '../src/server/cluster/runWorker';
import { superviseWorkers } from '../src/server/cluster/superviseWorkers';
import { describeStartupFailure } from '../src/server/describeStartupFailure';
import { drainGateway, drainTiming } from '../src/server/drainGateway';

/** bench/schema, whether this runs as bench/startBenchGateway.ts or as bench/dist/bench/startBenchGateway.js. */
function benchSchemaDir(): string {
  const candidates = [join(__dirname, 'schema'), join(__dirname, '..', '..', 'schema')];
  const found = candidates.find((dir) => existsSync(join(dir, 'bench.graphql')));
  if (found === undefined) throw new Error(`bench schema not found in ${candidates.join(' or ')}`);
  return found;
}

/** The gateway settings, with the bench's defaults where the environment says nothing. */
function benchConfig(): GatewayConfig {
  return loadConfig({
    ...process.env,
    PORT: process.env['PORT'] ?? '4000',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    // Not part of what is measured: no playground hook on /graphql, and config.schemaDir (read for
    // the playground's example operations) points at the bench schema, not at ./schema of the cwd.
    PLAYGROUND: process.env['PLAYGROUND'] ?? 'false',
    SCHEMA_DIR: process.env['SCHEMA_DIR'] ?? benchSchemaDir(),
    // The load comes from one client address, which a per-caller rate limit would answer with 429
    // after a few seconds; the peers have none. 0 turns it off.
    RATE_LIMIT_POINTS: process.env['RATE_LIMIT_POINTS'] ?? '0',
  });
}

/** One gateway on the bench schema, not yet listening. */
function build(config: GatewayConfig, logger = createLogger(config.logLevel)): Promise<BuiltGateway> {
  return buildGateway({
    config,
    logger,
    typeDefs: loadTypeDefs(benchSchemaDir()),
    env: { BENCH_UPSTREAM_URL: process.env['BENCH_UPSTREAM_URL'] ?? 'http://127.0.0.1:3000' },
    resolvers: { Query: { greet: () => 'Hello World!' } },
  });
}

/** WORKERS=1: one gateway in this process, closed on SIGTERM/SIGINT. */
async function serveAlone(config: GatewayConfig): Promise<void> {
  const gateway = await build(config);
  const url = await gateway.listen();
  process.stdout.write(`bench gateway serving ${url}/graphql [pid ${process.pid}]\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void drainGateway(gateway, drainTiming(config)).then((closed) => process.exit(closed ? 0 : 1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function fail(error: unknown): never {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exit(1);
}

if (cluster.isWorker) {
  runWorker(async () => {
    const config = benchConfig();
    const gateway = await build(config, createLogger(config.logLevel).child({ worker: cluster.worker?.id }));
    return { gateway, drain: drainTiming(config) };
  });
} else {
  try {
    const config = benchConfig();
    if (config.workers === 1) {
      serveAlone(config).catch(fail);
    } else {
      superviseWorkers({
        workers: config.workers,
        connectionBalancing: config.connectionBalancing,
        env: {},
        logger: createLogger(config.logLevel),
        drainMs: config.shutdownDelayMs + config.shutdownGraceMs,
        // A worker that dies during a measurement would skew it: stop everything rather than respawn.
        restart: false,
        onReady: (url) => {
          process.stdout.write(`bench gateway serving ${url}/graphql: ${config.workers} workers listening (primary pid ${process.pid})\n`);
        },
      }).then((code) => process.exit(code), fail);
    }
  } catch (error) {
    fail(error);
  }
}
