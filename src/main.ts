import { loadAuthConfig } from './auth/loadAuthConfig';
import { hasConfiguredVerification, loadDevelopmentSecret, DEVELOPMENT_SECRET_FILE } from './auth/loadDevelopmentSecret';
import { PERSONAS } from './auth/personas';
import { signToken } from './auth/signToken';
import { ConfigError } from './config/GatewayConfig';
import { loadConfig } from './config/loadConfig';
import { startDemoUpstreams } from './demo/startDemoUpstreams';
import { SchemaCompileError } from './schema/SchemaProblem';
import { buildGateway } from './server/buildGateway';

/** `npm start`: the gateway, plus embedded demo upstreams for every source whose URL is unset. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const developmentSecret = hasConfiguredVerification(process.env) ? undefined : loadDevelopmentSecret();
  const auth = loadAuthConfig(process.env, developmentSecret);
  const demos = await startDemoUpstreams(process.env);
  let gateway;
  try {
    gateway = await buildGateway({ config, env: demos.env, auth });
  } catch (error) {
    await demos.close();
    throw error;
  }
  const url = await gateway.listen();
  const { logger } = gateway;
  for (const demo of demos.started) logger.info({ source: demo.name, url: demo.url }, 'demo upstream started');
  logger.info({ url: `${url}/graphql` }, 'gateway ready');
  if (developmentSecret !== undefined) {
    logger.warn(`JWT_SECRET and JWKS_URL are not set: tokens are verified with the development secret in ${DEVELOPMENT_SECRET_FILE}`);
  }
  process.stdout.write(`\nTributary is serving ${url}/graphql\n`);
  process.stdout.write(`Open it in a browser for the playground; paste a token into its Headers tab as\n`);
  process.stdout.write(`  { "authorization": "Bearer <token>" }\n`);
  if (developmentSecret !== undefined) {
    process.stdout.write(`\nDemo tokens (12 h; sign others with: npm run token -- --sub <id> --scopes "<scopes>" --ttl 1h):\n`);
    for (const persona of PERSONAS) {
      const token = await signToken({ secret: developmentSecret, subject: persona.subject, scopes: persona.scopes, ttl: '12h' });
      process.stdout.write(`\n  ${persona.name} (sub ${persona.subject}; sees ${persona.sees}):\n  ${token}\n`);
    }
  } else {
    process.stdout.write(`Tokens come from your identity provider (JWT_SECRET / JWKS_URL are set).\n`);
  }
  process.stdout.write('\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    gateway.beginShutdown();
    const timer = setTimeout(() => {
      logger.error('shutdown grace period exceeded; exiting');
      process.exit(1);
    }, config.shutdownDelayMs + config.shutdownGraceMs);
    timer.unref();
    void new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs))
      .then(() => gateway.close())
      .then(() => demos.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      });
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
