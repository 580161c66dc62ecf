import { getDirective } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { Webhook } from 'standardwebhooks';
import type { ProblemList } from '../../schema/SchemaProblem';
import type { WebhookSource } from './WebhookSource';

/** Fewest bytes of secret accepted; the Standard Webhooks spec asks for 24 to 64. */
const MIN_SECRET_BYTES = 24;

/**
 * Reads every `@webhookSource` of the schema. Secrets come from the environment through
 * `interpolate` (which records a problem for an unset variable); a secret that is not
 * `whsec_<base64>` of at least 24 bytes is a problem at the source's coordinate, and never echoed.
 */
export function compileWebhookSources(
  schema: GraphQLSchema,
  interpolate: (text: string, where: string) => string | undefined,
  problems: ProblemList,
): ReadonlyMap<string, WebhookSource> {
  const sources = new Map<string, WebhookSource>();
  for (const args of getDirective(schema, schema, 'webhookSource') ?? []) {
    const name = String(args['name']);
    const coordinate = `@webhookSource(${name})`;
    if (!/^[A-Za-z0-9_-]+$/.test(name)) {
      problems.add(coordinate, 'name must be letters, digits, "-" or "_" (it is a URL path segment)');
      continue;
    }
    if (sources.has(name)) {
      problems.add(coordinate, 'is declared twice');
      continue;
    }
    const secret = interpolate(String(args['secret']), `${coordinate} secret`);
    if (secret === undefined) continue;
    const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : undefined;
    if (encoded === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || Buffer.from(encoded, 'base64').length < MIN_SECRET_BYTES) {
      problems.add(coordinate, `secret must be "whsec_" followed by at least ${MIN_SECRET_BYTES} bytes in base64`);
      continue;
    }
    sources.set(name, Object.freeze({ name, verifier: new Webhook(secret) }));
  }
  return sources;
}
