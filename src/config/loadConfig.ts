import { availableParallelism } from 'node:os';
import { LIMIT_DEFAULTS } from '../limits/LimitsConfig';
import { SUBSCRIPTION_LIMIT_DEFAULTS as SUBSCRIPTIONS } from '../subscriptions/transport/SubscriptionLimits';
import { CONNECTION_BALANCING_MODES, ConfigError, type GatewayConfig } from './GatewayConfig';
import { parseTrustProxy } from './parseTrustProxy';
import { tracingConfigured } from '../observability/tracing/tracingConfigured';
import { TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsMode } from '../trustedDocuments/TrustedDocuments';

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, problems: string[]): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    problems.push(`${name} must be a non-negative integer, got "${text}"`);
    return fallback;
  }
  return value;
}

function positiveInteger(env: Env, name: string, fallback: number, problems: string[]): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  // Digits only: Number() would also take "1e1" or "0x4", which nobody means as a process count.
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    problems.push(`${name} must be a positive integer, got "${text}"`);
    return fallback;
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  problems.push(`${name} must be true or false, got "${text}"`);
  return fallback;
}

/** One of a fixed set of words; unset or empty is `fallback`. */
function oneOf<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T, problems: string[]): T {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined) problems.push(`${name} must be one of ${choices.join(', ')}, got "${text}"`);
  return choice ?? fallback;
}

/** Reads and validates the gateway's settings; every bad value is reported at once. */
export function loadConfig(env: Env): GatewayConfig {
  const problems: string[] = [];
  const config: GatewayConfig = Object.freeze({
    port: integer(env, 'PORT', 4000, problems),
    host: env['HOST'] || '127.0.0.1',
    schemaDir: env['SCHEMA_DIR'] || 'schema',
    logLevel: env['LOG_LEVEL'] || 'info',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024, problems),
    corsOrigins: Object.freeze(
      (env['CORS_ORIGINS'] ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
    playground: flag(env, 'PLAYGROUND', true, problems),
    statusPage: flag(env, 'STATUS_PAGE', true, problems),
    introspection: flag(env, 'INTROSPECTION', true, problems),
    redisUrl: env['REDIS_URL'] || undefined,
    keyPrefix: env['KEY_PREFIX'] || 'tributary',
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 60_000, problems),
    maxOperationPlans: Math.max(1, integer(env, 'MAX_OPERATION_PLANS', 1000, problems)),
    limits: Object.freeze({
      maxDepth: integer(env, 'MAX_DEPTH', LIMIT_DEFAULTS.maxDepth, problems),
      maxAliases: integer(env, 'MAX_ALIASES', LIMIT_DEFAULTS.maxAliases, problems),
      maxDirectives: integer(env, 'MAX_DIRECTIVES', LIMIT_DEFAULTS.maxDirectives, problems),
      maxTokens: integer(env, 'MAX_TOKENS', LIMIT_DEFAULTS.maxTokens, problems),
      maxCost: integer(env, 'MAX_COST', LIMIT_DEFAULTS.maxCost, problems),
      rateLimitPoints: integer(env, 'RATE_LIMIT_POINTS', LIMIT_DEFAULTS.rateLimitPoints, problems),
      rateLimitWindowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', LIMIT_DEFAULTS.rateLimitWindowSeconds, problems),
    }),
    subscriptions: Object.freeze({
      perConnection: positiveInteger(env, 'SUBSCRIPTIONS_PER_CONNECTION', SUBSCRIPTIONS.perConnection, problems),
      perCaller: positiveInteger(env, 'SUBSCRIPTIONS_PER_CALLER', SUBSCRIPTIONS.perCaller, problems),
      connectionsPerCaller: positiveInteger(env, 'CONNECTIONS_PER_CALLER', SUBSCRIPTIONS.connectionsPerCaller, problems),
      maxMessageBytes: positiveInteger(env, 'WS_MAX_MESSAGE_BYTES', SUBSCRIPTIONS.maxMessageBytes, problems),
      keepAliveMs: integer(env, 'WS_KEEPALIVE_MS', SUBSCRIPTIONS.keepAliveMs, problems),
      maxBufferedBytes: positiveInteger(env, 'SUBSCRIPTION_MAX_BUFFERED_BYTES', SUBSCRIPTIONS.maxBufferedBytes, problems),
    }),
    shutdownDelayMs: integer(env, 'SHUTDOWN_DELAY_MS', 0, problems),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, problems),
    inferenceTokenBudgetPerHour: integer(env, 'INFERENCE_TOKEN_BUDGET_PER_HOUR', 0, problems) || undefined,
    workers: positiveInteger(env, 'WORKERS', availableParallelism(), problems),
    connectionBalancing: oneOf(env, 'CONNECTION_BALANCING', CONNECTION_BALANCING_MODES, 'os', problems),
    trustProxy: parseTrustProxy(env['TRUST_PROXY'], problems),
    schemaWatch: flag(env, 'SCHEMA_WATCH', false, problems),
    tracing: tracingConfigured(env),
    trustedDocuments: Object.freeze({
      mode: oneOf<TrustedDocumentsMode>(env, 'TRUSTED_DOCUMENTS', TRUSTED_DOCUMENTS_MODES, 'off', problems),
      manifestPath: env['TRUSTED_DOCUMENTS_MANIFEST'] || undefined,
      exemptScopes: Object.freeze((env['TRUSTED_DOCUMENTS_EXEMPT_SCOPES'] ?? '').split(/[\s,]+/).filter(Boolean)),
    }),
  });
  if (config.trustedDocuments.mode !== 'off' && config.trustedDocuments.manifestPath === undefined) {
    problems.push(`TRUSTED_DOCUMENTS=${config.trustedDocuments.mode} needs TRUSTED_DOCUMENTS_MANIFEST, the manifest of trusted operations`);
  }
  if (env['INFERENCE_TOKEN_BUDGET_PER_HOUR']?.trim() === '0') {
    problems.push('INFERENCE_TOKEN_BUDGET_PER_HOUR must be a positive number of tokens; unset it for no budget');
  }
  if (config.redisUrl !== undefined && !/^rediss?:\/\//.test(config.redisUrl)) {
    problems.push(`REDIS_URL must start with redis:// or rediss://, got "${config.redisUrl}"`);
  }
  if (config.port > 65535) problems.push(`PORT must be at most 65535, got ${config.port}`);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
