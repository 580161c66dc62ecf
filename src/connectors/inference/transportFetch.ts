import type { HttpTransport } from '../../http/HttpTransport';
import type { HttpMethod } from '../../http/UpstreamRequest';
import type { UpstreamResponse } from '../../http/UpstreamResponse';
import { sendWithRetryAfter, type RetryAfterHooks } from '../../http/sendWithRetryAfter';
import type { InferenceSourceConfig } from './InferenceSourceConfig';

const METHODS: ReadonlySet<string> = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Statuses whose answer has no body (WHATWG Fetch "null body status"). */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);
/** 429 and 503 say the request was not processed, so even a POST may be sent again after Retry-After. */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * A WHATWG `fetch` for the OpenAI client that sends through the gateway's one HTTP core, so model
 * calls get the same deadline, size cap, metrics and typed transport errors as every other
 * upstream. Retries (429/503, only as Retry-After allows) happen here, within `timeoutMs` (the
 * source's, or what is left of the request's deadline); the client's own retries are off.
 * Transport failures are thrown as `UpstreamError`s.
 */
export function transportFetch(
  transport: HttpTransport,
  source: InferenceSourceConfig,
  call: RetryAfterHooks & { readonly timeoutMs: number },
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    if (!METHODS.has(method)) throw new TypeError(`unsupported method ${method}`);
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string')
      throw new TypeError('only string bodies are sent to inference sources');
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    // A local server without a key gets no Authorization header at all.
    if (source.apiKey === undefined) delete headers['authorization'];
    const response = await sendWithRetryAfter(
      transport,
      {
        source: source.name,
        method: method as HttpMethod,
        url,
        headers,
        ...(typeof body === 'string' ? { body } : {}),
        timeoutMs: call.timeoutMs,
        maxResponseBytes: source.maxResponseBytes,
        // Model calls are POSTs: never shared between callers in flight.
        idempotent: false,
        kind: 'inference',
        route: new URL(url).pathname,
      },
      { statuses: RETRY_AFTER_STATUSES, maxRetries: source.maxRetries, maxWaitMs: source.maxRetryWaitMs },
      call,
    );
    return toFetchResponse(response);
  };
}

function toFetchResponse(response: UpstreamResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const body = NULL_BODY_STATUSES.has(response.status) || response.body.length === 0 ? null : new Uint8Array(response.body);
  return new Response(body, { status: response.status, headers });
}
