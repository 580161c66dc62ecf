import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Gives a result sent over WebSocket or SSE the errors Apollo Server would have sent over HTTP:
 * an error without a code is INTERNAL_SERVER_ERROR, and the gateway's `formatError` masks those.
 * The errors are rebuilt as GraphQL errors carrying the formatted message, path and extensions,
 * which the transports serialise as they are.
 */
export function formatResult(result: ExecutionResult, formatError: FormatError): ExecutionResult {
  if (!result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const code = error.extensions['code'] ?? 'INTERNAL_SERVER_ERROR';
      const formatted = formatError({ ...error.toJSON(), extensions: { ...error.extensions, code } }, error);
      return new GraphQLError(formatted.message, {
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.extensions ? { extensions: formatted.extensions } : {}),
      });
    }),
  };
}

/** A result of errors alone, already coded. */
export function errorResult(message: string, code: string): ExecutionResult {
  return { errors: [new GraphQLError(message, { extensions: { code, retryable: false } })] };
}
