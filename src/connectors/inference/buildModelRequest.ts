import type { UpstreamRequest } from '../../http/UpstreamRequest';
import type { InferenceSourceConfig } from './InferenceSourceConfig';

/** The endpoints of an OpenAI-compatible API the connector calls. */
export type ModelEndpoint = '/chat/completions' | '/embeddings';

/**
 * The HTTP call of one model request: a JSON POST to the source's API root, with its key as a
 * bearer token (none for a local server without one) and its extra headers. Model calls are never
 * shared between callers in flight, and are sent again only when the API said it did not process
 * them (429 or 503 with Retry-After). The headers object is built once per source and endpoint, so
 * cache and loader keys reuse its memoized part. Pure.
 */
export function modelRequestOf(source: InferenceSourceConfig, endpoint: ModelEndpoint): (body: object) => UpstreamRequest {
  const headers = Object.freeze({
    ...source.headers,
    'content-type': 'application/json',
    accept: 'application/json',
    ...(source.apiKey === undefined ? {} : { authorization: `Bearer ${source.apiKey}` }),
  });
  const url = `${source.baseURL}${endpoint}`;
  return (body) => ({
    source: source.name,
    method: 'POST',
    url,
    headers,
    body: JSON.stringify(body),
    timeoutMs: source.timeoutMs,
    maxResponseBytes: source.maxResponseBytes,
    idempotent: false,
    retryWhenNotProcessed: true,
    kind: 'inference',
    route: new URL(url).pathname,
  });
}
