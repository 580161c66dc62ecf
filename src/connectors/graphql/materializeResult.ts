import { toGraphQLError } from '../../errors/toGraphQLError';
import { UpstreamRejectedError } from '../../errors/UpstreamRejectedError';
import type { DelegatedResult, UpstreamFieldError } from './DelegatedResult';

/**
 * The field's value from a delegated result: the upstream's data, with each error the upstream
 * reported placed where it happened, as an error value. The executor reports an error value found in
 * place of a field's value at that field's path (as graphql-js does for a resolver's returned
 * `Error`), so the client sees it at its own path, aliases included. An error on the field itself
 * is thrown. The (possibly cached) result is not changed: the objects on an error's path are copied.
 */
export function materializeResult(source: string, result: DelegatedResult): unknown {
  const { data, errors } = result;
  if (errors.length === 0) return data;
  const root = errors.find((error) => error.path.length === 0);
  if (root !== undefined || data === null || typeof data !== 'object') throw fieldError(source, root ?? errors[0]);
  const copy = shallowCopy(data);
  for (const error of errors) place(copy, error, source);
  return copy;
}

function place(root: object, error: UpstreamFieldError, source: string): void {
  let container = root as Record<string | number, unknown>;
  const { path } = error;
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth] as string | number;
    const value = container[key];
    // The error's own position, or the first null on its path (the upstream nulled what was below).
    if (depth === path.length - 1 || value === null || typeof value !== 'object') {
      container[key] = fieldError(source, error);
      return;
    }
    if (value instanceof Error) return;
    const copied = shallowCopy(value);
    container[key] = copied;
    container = copied as Record<string | number, unknown>;
  }
}

function shallowCopy(value: object): object {
  return Array.isArray(value) ? [...(value as unknown[])] : { ...value };
}

function fieldError(source: string, error: UpstreamFieldError | undefined): unknown {
  return toGraphQLError(
    new UpstreamRejectedError(source, `Upstream "${source}" reported an error for this field`, {
      ...(error?.upstreamCode ? { extensions: { upstreamCode: error.upstreamCode } } : {}),
    }),
  );
}
