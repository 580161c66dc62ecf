import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { GatewayError } from './GatewayError';

/**
 * The one mapping from the gateway's typed errors to GraphQL errors: `code`, `retryable`, the
 * error's client-safe details (an upstream error's `source` and `status`), and for an error that
 * refuses the whole request, the HTTP status and headers Apollo Server answers with. Anything that
 * is not one of ours is returned untouched, so `formatError` can mask it as INTERNAL_SERVER_ERROR.
 */
export function toGraphQLError(error: GatewayError): GraphQLError;
export function toGraphQLError(error: unknown): unknown;
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof GatewayError)) return error;
  const { http } = error;
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      ...error.clientExtensions(),
      code: error.code,
      retryable: error.retryable,
      ...(http && { http: { status: http.status, ...(http.headers && { headers: new HeaderMap(Object.entries(http.headers)) }) } }),
    },
  });
}
