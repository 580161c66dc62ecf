import type { UpstreamRequest } from './UpstreamRequest';

/** A call whose answer is read as it arrives (a model's streamed reply). */
export interface StreamRequest extends UpstreamRequest {
  /**
   * Longest silence between two pieces of the body once it streams; `timeoutMs` bounds only the
   * wait for the answer's status and headers.
   */
  readonly idleTimeoutMs: number;
  /** Aborts the call, connecting or streaming: its client went away. */
  readonly signal: AbortSignal;
}

/**
 * A 2xx answer whose body is read as it arrives. `body` yields the raw bytes; reading fails with a
 * typed error: `UpstreamTimeoutError` after `idleTimeoutMs` of silence, `UpstreamUnavailableError`
 * when the connection breaks, `UpstreamBadResponseError` past the size cap. Leaving it early
 * (or aborting the call's signal) closes the connection.
 */
export class UpstreamStream {
  constructor(
    readonly source: string,
    readonly status: number,
    readonly headers: Readonly<Record<string, string | string[] | undefined>>,
    readonly body: AsyncIterable<Buffer>,
  ) {}

  header(name: string): string | undefined {
    const value = this.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }
}
