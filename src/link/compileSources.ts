import { getDirective } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { CONNECTORS } from '../connectors/connectors';
import { parseTemplate, templateExpressions, TemplateSyntaxError, type Template } from '../templates/parseTemplate';
import { renderTemplate } from '../templates/renderTemplate';
import { isRecord, optionalInt, optionalString } from '../schema/readArgs';
import type { ProblemList } from '../schema/SchemaProblem';
import { RESILIENCE_DEFAULTS, type ResilienceSettings } from '../schema/ResilienceSettings';
import { SOURCE_DEFAULTS, type SourceConfig, type SourceSettings } from '../schema/SourceConfig';
import { readSourceAuth } from '../http/credentials/readSourceAuth';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads every `@source` on the schema into a complete, frozen source config. Values may read
 * `{env.NAME}`; a variable that is not set is a problem, not an empty string. A declared source
 * with problems maps to undefined, so fields using it are not reported a second time.
 */
export async function compileSources(
  schema: GraphQLSchema,
  env: Environment,
  problems: ProblemList,
  baseDir: string,
): Promise<Map<string, SourceConfig | undefined>> {
  const sources = new Map<string, SourceConfig | undefined>();
  for (const args of getDirective(schema, schema, 'source') ?? []) {
    const name = optionalString(args, 'name') ?? '';
    const coordinate = `@source(${name})`;
    if (sources.has(name)) {
      problems.add(coordinate, `source "${name}" is declared twice`);
      continue;
    }
    sources.set(name, undefined);
    const kinds = CONNECTORS.filter((connector) => isRecord(args[connector.kind]));
    const [connector] = kinds;
    const interpolate = (text: string, what: string) => interpolateEnv(text, env, `${coordinate} ${what}`, problems);
    const settings = {
      ...readSettings(name, args, coordinate, problems, kinds.length === 1 ? connector?.settingDefaults : undefined),
      auth: readSourceAuth(args, coordinate, interpolate, problems),
    };
    if (kinds.length !== 1 || connector === undefined) {
      const names = CONNECTORS.map((candidate) => `${candidate.kind}: {…}`).join(', ');
      problems.add(coordinate, `declare exactly one kind of upstream: ${names}`);
      continue;
    }
    if (connector.kind === 'inference' && ((settings.auth?.forwardHeaders.length ?? 0) > 0 || settings.auth?.forwardCallerToken)) {
      problems.add(
        coordinate,
        'auth.forwardHeaders and auth.forwardCallerToken apply to rest, soap and graphql sources; an inference source sends its own apiKey',
      );
    }
    const source = await connector.compileSource({
      coordinate,
      settings,
      args: args[connector.kind] as Record<string, unknown>,
      interpolate,
      problems,
      baseDir,
    });
    sources.set(name, source);
  }
  return sources;
}

function readSettings(
  name: string,
  args: Record<string, unknown>,
  coordinate: string,
  problems: ProblemList,
  kindDefaults: Partial<Omit<SourceSettings, 'name'>> = {},
): Omit<SourceSettings, 'auth'> {
  const positive = (key: keyof typeof SOURCE_DEFAULTS): number => {
    const value = optionalInt(args, key);
    if (value === undefined) return kindDefaults[key] ?? SOURCE_DEFAULTS[key];
    if (value <= 0) problems.add(coordinate, `${key} must be a positive integer, got ${value}`);
    return value;
  };
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) problems.add(coordinate, `source name "${name}" must be an identifier`);
  const cacheMaxAge = optionalInt(args, 'cacheMaxAge') ?? kindDefaults.cacheMaxAgeSeconds ?? 0;
  if (cacheMaxAge < 0) problems.add(coordinate, `cacheMaxAge must be 0 or more seconds, got ${cacheMaxAge}`);
  return {
    name,
    timeoutMs: positive('timeoutMs'),
    maxResponseBytes: positive('maxResponseBytes'),
    maxBatchSize: positive('maxBatchSize'),
    cacheMaxAgeSeconds: Math.max(0, cacheMaxAge),
    resilience: readResilience(args, coordinate, problems),
  };
}

/** `retry: {…}`, `circuitBreaker: {…}`, `maxConcurrent`, `maxRequestsPerSecond`, defaults filled in. */
function readResilience(args: Record<string, unknown>, coordinate: string, problems: ProblemList): ResilienceSettings {
  const retry = isRecord(args['retry']) ? args['retry'] : {};
  const breaker = isRecord(args['circuitBreaker']) ? args['circuitBreaker'] : {};
  const read = (from: Record<string, unknown>, key: string, where: string, fallback: number, minimum: number): number => {
    const value = optionalInt(from, key);
    if (value === undefined) return fallback;
    if (value < minimum) problems.add(coordinate, `${where} must be at least ${minimum}, got ${value}`);
    return value;
  };
  const limit = (key: string): number | undefined => {
    const value = optionalInt(args, key);
    if (value !== undefined && value < 1) problems.add(coordinate, `${key} must be at least 1, got ${value}`);
    return value;
  };
  return Object.freeze({
    attempts: read(retry, 'attempts', 'retry.attempts', RESILIENCE_DEFAULTS.attempts, 1),
    baseDelayMs: read(retry, 'baseDelayMs', 'retry.baseDelayMs', RESILIENCE_DEFAULTS.baseDelayMs, 0),
    maxDelayMs: read(retry, 'maxDelayMs', 'retry.maxDelayMs', RESILIENCE_DEFAULTS.maxDelayMs, 0),
    failureThreshold: read(breaker, 'failureThreshold', 'circuitBreaker.failureThreshold', RESILIENCE_DEFAULTS.failureThreshold, 1),
    halfOpenAfterMs: read(breaker, 'halfOpenAfterMs', 'circuitBreaker.halfOpenAfterMs', RESILIENCE_DEFAULTS.halfOpenAfterMs, 1),
    maxConcurrent: limit('maxConcurrent'),
    maxRequestsPerSecond: limit('maxRequestsPerSecond'),
  });
}

/** Renders `{env.NAME}` in a schema-level directive's text; undefined (with a problem at `where`) when it cannot. */
export function interpolateEnv(text: string, env: Environment, where: string, problems: ProblemList): string | undefined {
  let template: Template;
  try {
    template = parseTemplate(text);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    problems.add(where, error.message);
    return undefined;
  }
  let ok = true;
  for (const expression of templateExpressions(template)) {
    const variable = expression.path.join('.');
    if (expression.root !== 'env') {
      problems.add(where, `only {env.NAME} can be used in @source, not {${expression.root}.${variable}}`);
      ok = false;
    } else if (env[variable] === undefined || env[variable] === '') {
      problems.add(where, `environment variable ${variable} is not set`);
      ok = false;
    }
  }
  return ok ? String(renderTemplate(template, { env })) : undefined;
}
