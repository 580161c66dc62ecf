import { ConfigError } from './config/GatewayConfig';
import { loadConfig } from './config/loadConfig';
import { startDemoUpstreams } from './demo/startDemoUpstreams';
import { SchemaCompileError } from './schema/SchemaProblem';
import { buildGateway } from './server/buildGateway';

/** `npm start`: the gateway, plus embedded demo upstreams for every source whose URL is unset. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const demos = await startDemoUpstreams(process.env);
  let gateway;
  try {
    gateway = await buildGateway({ config, env: demos.env });
  } catch (error) {
    await demos.close();
    throw error;
  }
  const url = await gateway.listen();
  const { logger } = gateway;
  for (const demo of demos.started) logger.info({ source: demo.name, url: demo.url }, 'demo upstream started');
  logger.info({ url: `${url}/graphql` }, 'gateway ready');
  process.stdout.write(`\nTributary is serving ${url}/graphql\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown grace period exceeded; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    void gateway
      .close()
      .then(() => demos.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof SchemaCompileError || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Tributary failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
