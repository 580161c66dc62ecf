/**
 * Serves bench/schema (the Tailcall benchmark schema) for the throughput harness in
 * /work/shared/bench. Run it compiled (bench/run.sh builds it into bench/dist), not through tsx.
 *
 *   BENCH_UPSTREAM_URL  upstream base URL (default http://127.0.0.1:3000)
 *   PORT, LOG_LEVEL     as for the gateway (defaults 4000 and warn); here PLAYGROUND defaults to false and
 *                       RATE_LIMIT_POINTS to 0 (off); every other gateway setting is read as usual
 *   WORKERS             number of node:cluster workers sharing the port (default 1: no cluster)
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../src/config/GatewayConfig';
import { loadConfig } from '../src/config/loadConfig';
import { SchemaCompileError } from '../src/schema/SchemaProblem';
import { loadTypeDefs } from '../src/schema/loadTypeDefs';
import { buildGateway } from '../src/server/buildGateway';

/** bench/schema, whether this runs as bench/startBenchGateway.ts or as bench/dist/bench/startBenchGateway.js. */
function benchSchemaDir(): string {
  const candidates = [join(__dirname, 'schema'), join(__dirname, '..', '..', 'schema')];
  const found = candidates.find((dir) => existsSync(join(dir, 'bench.graphql')));
  if (found === undefined) throw new Error(`bench schema not found in ${candidates.join(' or ')}`);
  return found;
}

function workerCount(): number {
  const text = process.env['WORKERS'];
  if (text === undefined || text === '') return 1;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`WORKERS must be a positive integer, got "${text}"`);
  return count;
}

/** Builds one gateway on the bench schema, listens, and closes it on SIGTERM/SIGINT. */
async function serve(): Promise<void> {
  const schemaDir = benchSchemaDir();
  const config = loadConfig({
    ...process.env,
    PORT: process.env['PORT'] ?? '4000',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    // Not part of what is measured: no playground hook on /graphql, and config.schemaDir (read for
    // the playground's example operations) points at the bench schema, not at ./schema of the cwd.
    PLAYGROUND: process.env['PLAYGROUND'] ?? 'false',
    SCHEMA_DIR: process.env['SCHEMA_DIR'] ?? schemaDir,
    // The load comes from one client address, which a per-caller rate limit would answer with 429
    // after a few seconds; the peers have none. 0 turns it off.
    RATE_LIMIT_POINTS: process.env['RATE_LIMIT_POINTS'] ?? '0',
  });
  const gateway = await buildGateway({
    config,
    typeDefs: loadTypeDefs(schemaDir),
    env: { BENCH_UPSTREAM_URL: process.env['BENCH_UPSTREAM_URL'] ?? 'http://127.0.0.1:3000' },
    resolvers: { Query: { greet: () => 'Hello World!' } },
  });
  const url = await gateway.listen();
  const who = cluster.isWorker ? `worker ${cluster.worker?.id ?? '?'} (pid ${process.pid})` : `pid ${process.pid}`;
  process.stdout.write(`bench gateway serving ${url}/graphql [${who}]\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(1), config.shutdownGraceMs);
    timer.unref();
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`bench gateway failed to close: ${describe(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Cluster primary: forks the workers (each builds its own gateway on the shared port) and stops them on a signal. */
function supervise(workers: number): void {
  let stopping = false;
  let listening = 0;
  let alive = workers;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === workers) process.stdout.write(`bench gateway: ${workers} workers listening (primary pid ${process.pid})\n`);
  });
  cluster.on('exit', (worker, code, signal) => {
    alive -= 1;
    if (!stopping) {
      // A worker that dies during a measurement would skew it: stop everything rather than respawn.
      process.stderr.write(`bench gateway worker ${worker.id} exited (${signal ?? code}); stopping\n`);
      stop(1);
    } else if (alive === 0) {
      process.exit();
    }
  });
  const stop = (code: number): void => {
    if (stopping) return;
    stopping = true;
    process.exitCode = code;
    if (alive === 0) process.exit();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  for (let index = 0; index < workers; index += 1) cluster.fork();
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function fail(error: unknown): never {
  const known = error instanceof SchemaCompileError || error instanceof ConfigError;
  process.stderr.write(`${known ? error.message : `bench gateway failed to start: ${describe(error)}`}\n`);
  process.exit(1);
}

try {
  const workers = workerCount();
  if (workers > 1 && cluster.isPrimary) supervise(workers);
  else serve().catch(fail);
} catch (error) {
  fail(error);
}
