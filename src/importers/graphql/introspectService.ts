import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { isRecord } from '../../schema/readArgs';

/** Why a service could not be introspected, in words for the person running the importer. */
export class IntrospectionFailedError extends Error {}

/**
 * Asks a GraphQL service for its schema with the standard introspection query (the service must
 * allow introspection). Used by the importer, never while serving.
 */
export async function introspectService(
  url: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs = 30_000,
): Promise<GraphQLSchema> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/graphql-response+json, application/json;q=0.9', 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new IntrospectionFailedError(`cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new IntrospectionFailedError(`${url} answered HTTP ${response.status} with a body that is not JSON`);
  }
  const data = isRecord(body) ? body['data'] : undefined;
  if (!isRecord(data) || !isRecord(data['__schema'])) {
    const errors = isRecord(body) && Array.isArray(body['errors']) ? body['errors'].filter(isRecord) : [];
    const messages = errors.map((error) => String(error['message'])).join('; ');
    throw new IntrospectionFailedError(
      `${url} answered HTTP ${response.status} without a schema${messages ? `: ${messages}` : ''} (is introspection turned off?)`,
    );
  }
  return buildClientSchema(data as unknown as IntrospectionQuery);
}
