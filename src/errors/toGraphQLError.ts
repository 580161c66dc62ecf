import { GraphQLError } from 'graphql';
import { BadUserInputError } from './BadUserInputError';
import { MappingError } from './MappingError';
import { UpstreamError } from './UpstreamError';

/**
 * The one mapping from the gateway's typed errors to GraphQL errors. Anything that is not one of
 * ours is returned untouched, so `formatError` can mask it as INTERNAL_SERVER_ERROR.
 */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof UpstreamError) {
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: {
        ...error.extensions,
        code: error.code,
        source: error.source,
        ...(error.status === undefined ? {} : { status: error.status }),
        retryable: error.retryable,
      },
    });
  }
  if (error instanceof BadUserInputError || error instanceof MappingError) {
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: { code: error.code, retryable: false },
    });
  }
  return error;
}
