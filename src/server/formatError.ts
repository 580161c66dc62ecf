import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/**
 * The last line of defence: errors the gateway mapped keep their message and code; anything that
 * slipped through unmapped is logged and masked, so no stack, upstream body or secret leaks.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.['code'] !== 'INTERNAL_SERVER_ERROR') return formatted;
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
