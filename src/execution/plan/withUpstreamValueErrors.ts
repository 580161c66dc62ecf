import { GraphQLError, type ExecutionResult } from 'graphql';
import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { toGraphQLError } from '../../errors/toGraphQLError';
import { responsePathKey } from './responsePathSources';

/**
 * graphql-js's messages for a value that does not fit its declared type: a scalar or enum that
 * cannot represent it, a null for a non-null field, something else than a list for a list.
 */
const VALUE_MISMATCH = [
  / cannot represent /,
  /^Cannot return null for non-nullable field /,
  /^Expected Iterable, but did not find one for field /,
  /^Expected `.+\.serialize\(/,
];

/**
 * Turns each error of `result` that says an upstream value does not fit the schema into
 * `UPSTREAM_BAD_RESPONSE` with the source that sent the value (found by the error's path), so a
 * client reads it as the upstream's fault, with the field's path, instead of an internal error.
 * The rest of the response is left as it is: the other fields still answer.
 */
export function withUpstreamValueErrors(result: ExecutionResult, sources: ReadonlyMap<string, string>): ExecutionResult {
  if (!result.errors?.length || sources.size === 0) return result;
  let changed = false;
  const errors = result.errors.map((error) => {
    if (error.extensions['code'] !== undefined || error.path === undefined) return error;
    if (!VALUE_MISMATCH.some((pattern) => pattern.test(error.message))) return error;
    const source = sources.get(responsePathKey(error.path));
    if (source === undefined) return error;
    changed = true;
    const mapped = toGraphQLError(
      new UpstreamBadResponseError(source, `Upstream "${source}" sent a value that does not fit the schema: ${error.message}`, {
        cause: error,
      }),
    );
    return new GraphQLError(mapped.message, {
      nodes: error.nodes,
      path: error.path,
      originalError: mapped.originalError,
      extensions: mapped.extensions,
    });
  });
  return changed ? { ...result, errors } : result;
}
