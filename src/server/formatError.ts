import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** graphql-js's hint at names the schema has ("Did you mean "products"?", "… the enum value "PAID"?"). */
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * The last line of defence: errors the gateway mapped keep their message and code; anything that
 * slipped through unmapped is logged and masked, so no stack, upstream body or secret leaks. No
 * message suggests names of the schema (a field, argument, type or enum value a client did not
 * spell right), whether validation or variable coercion wrote it: the schema is not
 * for guessing at.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.['code'] !== 'INTERNAL_SERVER_ERROR') {
      return SUGGESTION.test(formatted.message) ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') } : formatted;
    }
    const original = unwrapResolverError(error);
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false },
    };
  };
}
