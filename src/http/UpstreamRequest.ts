export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One fully built upstream call. Connectors build it; the transport core sends it. */
export interface UpstreamRequest {
  /** Source name, for errors, metrics and logs. */
  readonly source: string;
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /**
   * Safe to send twice and to share between callers. Only idempotent calls are coalesced while in
   * flight (and, later, retried or cached).
   */
  readonly idempotent: boolean;
  /** The kind of upstream (`rest`, `soap`, `inference`), for traces. Not part of the call. */
  readonly kind?: string;
  /** What is called, without values: a REST path template, a SOAP operation, for traces. Not part of the call. */
  readonly route?: string;
}

const headerKeys = new WeakMap<object, string>();

/**
 * What identifies a call for coalescing, deduplication and caching: everything that is sent,
 * credentials included. The header part is memoized per (immutable) header object: a field
 * whose headers never change shares one, so its key costs one concatenation.
 */
export function upstreamRequestKey(request: UpstreamRequest): string {
  let headers = headerKeys.get(request.headers);
  if (headers === undefined) {
    headers = Object.keys(request.headers)
      .sort()
      .map((name) => `${name.toLowerCase()}:${request.headers[name]}`)
      .join('\n');
    headerKeys.set(request.headers, headers);
  }
  return `${request.method} ${request.url}\n${headers}\n\n${request.body ?? ''}`;
}
