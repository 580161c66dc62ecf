import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { UpstreamRejectedError } from '../../errors/UpstreamRejectedError';
import { UpstreamUnavailableError } from '../../errors/UpstreamUnavailableError';
import type { UpstreamResponse } from '../../http/UpstreamResponse';
import { isRecord } from '../../schema/readArgs';
import { aliasOf } from './buildGraphqlRequest';
import type { DelegatedResult, UpstreamFieldError } from './DelegatedResult';

/** A code the upstream sent, passed on only when it is a plain identifier (nothing else of its error is). */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** A GraphQL response with data: its data and its errors, read. */
export interface GraphqlEnvelope {
  readonly source: string;
  readonly status: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly errors: readonly ReadError[];
}

/**
 * Decodes a GraphQL response. A failed HTTP status, a body that is not a GraphQL response, or
 * errors without data (the upstream refused the operation) fail the whole call; errors at paths
 * are kept for `splitByAlias`. Upstream messages are never passed on. Pure.
 */
export function parseGraphqlResponse(response: UpstreamResponse): GraphqlEnvelope {
  const { status, source } = response;
  if (status >= 500) throw new UpstreamUnavailableError(source, `Upstream "${source}" failed with HTTP ${status}`, { status });
  const body = response.json();
  if (!isRecord(body) || (body['data'] === undefined && body['errors'] === undefined)) {
    throw new UpstreamBadResponseError(source, `Upstream "${source}" answered with something other than a GraphQL response`, { status });
  }
  const errors = readErrors(body['errors']);
  const data = body['data'];
  if (status >= 400 || data === null || data === undefined) {
    const [first] = errors;
    throw new UpstreamRejectedError(source, `Upstream "${source}" refused the operation${status >= 400 ? ` with HTTP ${status}` : ''}`, {
      ...(status >= 400 ? { status } : {}),
      ...(first?.upstreamCode ? { extensions: { upstreamCode: first.upstreamCode } } : {}),
    });
  }
  if (!isRecord(data))
    throw new UpstreamBadResponseError(source, `Upstream "${source}" answered with data that is not an object`, { status });
  return { source, status, data, errors };
}

/**
 * One delegated result per key, aligned with the document's aliased fields (`_0`, `_1`, …): an
 * error at a path goes to its key's result, relative to the key's value. Pure.
 */
export function splitByAlias(envelope: GraphqlEnvelope, keyCount: number): DelegatedResult[] {
  const { source, status, data, errors } = envelope;
  const results: DelegatedResult[] = [];
  for (let index = 0; index < keyCount; index++) {
    const alias = aliasOf(index);
    const own: UpstreamFieldError[] = [];
    for (const error of errors) {
      if (error.path === undefined) own.push({ path: [], upstreamCode: error.upstreamCode });
      else if (error.path[0] === alias) own.push({ path: error.path.slice(1), upstreamCode: error.upstreamCode });
    }
    const value = data[alias];
    if (value === undefined && own.length === 0) {
      throw new UpstreamBadResponseError(source, `Upstream "${source}" left out a field it was asked for`, { status });
    }
    // An error without a path cannot be placed: it fails the fields that have no value.
    results.push({
      data: value ?? null,
      errors: value === null || value === undefined ? own : own.filter((error) => error.path.length > 0),
    });
  }
  return results;
}

interface ReadError {
  readonly path: readonly (string | number)[] | undefined;
  readonly upstreamCode: string | undefined;
}

function readErrors(value: unknown): ReadError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((error) => {
    const path = Array.isArray(error['path'])
      ? error['path'].filter((part) => typeof part === 'string' || typeof part === 'number')
      : undefined;
    const code = isRecord(error['extensions']) ? error['extensions']['code'] : undefined;
    return {
      path: path && path.length > 0 ? path : undefined,
      upstreamCode: typeof code === 'string' && CODE.test(code) ? code : undefined,
    };
  });
}
