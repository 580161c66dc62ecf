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
}

/** What identifies a call for coalescing: everything that is sent, credentials included. */
export function upstreamRequestKey(request: UpstreamRequest): string {
  const headers = Object.keys(request.headers)
    .sort()
    .map((name) => `${name.toLowerCase()}:${request.headers[name]}`)
    .join('\n');
  return `${request.method} ${request.url}\n${headers}\n\n${request.body ?? ''}`;
}
