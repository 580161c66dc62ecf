import type { IncomingMessage } from 'node:http';
import { acceptsEventStream } from '../subscriptions/registerSubscriptions';

/** The JSON content types a plain GraphQL POST may declare (lowercased). */
const JSON_TYPES: ReadonlySet<string> = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/**
 * Whether a request is a plain GraphQL POST to `path`: a JSON body of declared length within the
 * body limit, no `Origin` (no CORS to answer), not asking for an event stream. Only these take
 * the direct path to Apollo Server (serveGraphQLPost); every other request — a browser's, a GET,
 * a chunked or oversized body, a subscription over SSE — goes through Fastify's routes. The test
 * reads headers only, so a request it turns away is handed over with its body unread.
 */
export function isPlainGraphQLPost(request: IncomingMessage, path: string, bodyLimitBytes: number): boolean {
  if (request.method !== 'POST' || request.url !== path) return false;
  const { headers } = request;
  if (headers.origin !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const type = headers['content-type'];
  if (type === undefined || !JSON_TYPES.has(type.toLowerCase())) return false;
  if (acceptsEventStream(headers.accept)) return false;
  const length = headers['content-length'];
  if (length === undefined) return false;
  const bytes = Number(length);
  return Number.isSafeInteger(bytes) && bytes <= bodyLimitBytes;
}
