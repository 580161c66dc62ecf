import { getDirective } from '@graphql-tools/utils';
import { getNamedType, isCompositeType } from 'graphql';
import type { FieldContext } from '../schema/FieldContext';
import { forwardsIdentity } from '../schema/SourceAuth';
import type { SourceSettings } from '../schema/SourceConfig';
import { optionalInt, optionalString } from '../schema/readArgs';
import type { CachePolicy } from './CachePolicy';

export interface CachePolicyInput {
  readonly context: FieldContext;
  /** The call may be shared and repeated; only such calls are cached. */
  readonly idempotent: boolean;
  /** The request reads the caller's claims, so its result belongs to that caller. */
  readonly readsClaims: boolean;
  /**
   * The field's source: its default TTL (`@source(cacheMaxAge:)`, 0 for none), and whether it
   * sends the caller's own token or headers (then every answer belongs to that caller).
   */
  readonly source: Pick<SourceSettings, 'auth' | 'cacheMaxAgeSeconds'>;
}

/**
 * The upstream cache policy of a field, from Apollo's `@cacheControl` hints: the field's own hint,
 * else its return type's, else the source's default. Anything caller-dependent is PRIVATE. Pure.
 */
export function compileCachePolicy(input: CachePolicyInput): CachePolicy | undefined {
  const { context } = input;
  const { schema } = context;
  if (!input.idempotent) return undefined;
  const fieldHint = getDirective(schema, context.field, 'cacheControl')?.[0];
  const returnType = getNamedType(context.field.type);
  const typeHint = isCompositeType(returnType) ? getDirective(schema, returnType, 'cacheControl')?.[0] : undefined;
  const ttlSeconds =
    (fieldHint && optionalInt(fieldHint, 'maxAge')) ?? (typeHint && optionalInt(typeHint, 'maxAge')) ?? input.source.cacheMaxAgeSeconds;
  if (!ttlSeconds || ttlSeconds <= 0) return undefined;
  const declaredPrivate = [fieldHint, typeHint].some((hint) => hint && optionalString(hint, 'scope') === 'PRIVATE');
  return Object.freeze({
    ttlSeconds,
    scope: declaredPrivate || input.readsClaims || forwardsIdentity(input.source.auth) ? 'PRIVATE' : 'PUBLIC',
  });
}
