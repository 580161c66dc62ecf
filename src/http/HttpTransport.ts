import { Agent, errors as undiciErrors, request as undiciRequest } from 'undici';
import { UpstreamBadResponseError } from '../errors/UpstreamBadResponseError';
import { UpstreamTimeoutError } from '../errors/UpstreamTimeoutError';
import { UpstreamUnavailableError } from '../errors/UpstreamUnavailableError';
import { OAuth2ClientCredentials } from './credentials/OAuth2ClientCredentials';
import { inUpstreamSpan, type UpstreamSpan } from '../observability/tracing/inUpstreamSpan';
import type { OAuth2ClientSettings } from '../schema/SourceAuth';
import type { ResilienceSettings } from '../schema/ResilienceSettings';
import { SourceGuard, type CircuitStateName, type SourceGuardHooks } from './resilience/SourceGuard';
import { outcomeOfStatus, type UpstreamOutcome } from './UpstreamOutcome';
import { upstreamRequestKey, type UpstreamRequest } from './UpstreamRequest';
import { UpstreamResponse } from './UpstreamResponse';
import { UpstreamStream, type StreamRequest } from './UpstreamStream';

/** Lifecycle hooks of the transport, for metrics and logs. */
export interface TransportHooks extends SourceGuardHooks {
  afterResponse?(request: UpstreamRequest, outcome: UpstreamOutcome, durationSeconds: number): void;
  /** A call joined an identical idempotent call already in flight. */
  onCoalesced?(request: UpstreamRequest): void;
}

export interface HttpTransportOptions {
  /** Keep-alive connections per upstream origin. */
  connectionsPerOrigin?: number;
  hooks?: TransportHooks;
  /** A client span per call, and W3C `traceparent` on every attempt (when OpenTelemetry is on). */
  tracing?: boolean;
}

/**
 * The one HTTP core every connector sends through: connection pooling, a whole-call deadline, a
 * response size cap, coalescing of identical idempotent calls in flight, and typed errors for
 * transport failures. It returns answers of any status; connectors decide what a status means.
 * It knows nothing about GraphQL.
 */
export class HttpTransport {
  readonly #agent: Agent;
  readonly #hooks: TransportHooks;
  readonly #inFlight = new Map<string, Promise<UpstreamResponse>>();
  readonly #guards = new Map<string, SourceGuard>();
  readonly #credentials = new Map<string, OAuth2ClientCredentials>();
  readonly #tracing: boolean;

  constructor(options: HttpTransportOptions = {}) {
    this.#agent = new Agent({
      connections: options.connectionsPerOrigin ?? 128,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
    });
    this.#hooks = options.hooks ?? {};
    this.#tracing = options.tracing ?? false;
  }

  /** Protects a source's calls with its breaker, limits and retry policy (see SourceGuard). */
  configure(source: string, settings: ResilienceSettings): void {
    this.#guards.set(source, new SourceGuard(source, settings, this.#hooks));
  }

  /**
   * Authorizes a source's calls with the gateway's own OAuth 2.0 token (client credentials): each
   * attempt carries the current token, and a 401 is answered by one new token and one retry.
   */
  useClientCredentials(source: string, settings: OAuth2ClientSettings): void {
    this.#credentials.set(source, new OAuth2ClientCredentials(source, settings, this.#agent));
  }

  /** Circuit state per configured source, for readiness and metrics. */
  circuitStates(): Map<string, CircuitStateName> {
    return new Map([...this.#guards].map(([source, guard]) => [source, guard.circuitState]));
  }

  send(request: UpstreamRequest): Promise<UpstreamResponse> {
    return this.#tracing ? inUpstreamSpan(request, (span) => this.#coalesced(request, span)) : this.#coalesced(request, undefined);
  }

  #coalesced(request: UpstreamRequest, span: UpstreamSpan | undefined): Promise<UpstreamResponse> {
    if (!request.idempotent) return this.#guarded(request, span);
    const key = upstreamRequestKey(request);
    const pending = this.#inFlight.get(key);
    if (pending) {
      this.#hooks.onCoalesced?.(request);
      span?.coalesced();
      return pending;
    }
    // Only calls in flight are shared: the entry goes as soon as the call settles, so a failure
    // is never handed to a later caller.
    const call = this.#guarded(request, span).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, call);
    return call;
  }

  #guarded(request: UpstreamRequest, span: UpstreamSpan | undefined): Promise<UpstreamResponse> {
    const guard = this.#guards.get(request.source);
    const credentials = this.#credentials.get(request.source);
    const sendOnce =
      credentials === undefined
        ? (attempt: UpstreamRequest) => this.#send(attempt)
        : (attempt: UpstreamRequest) => this.#sendWithToken(attempt, credentials);
    const counted = request.onAttempt === undefined ? sendOnce : (attempt: UpstreamRequest) => (request.onAttempt?.(), sendOnce(attempt));
    // Each attempt carries the trace context of the call's span, so the upstream's spans join the trace.
    const send = span === undefined ? counted : (attempt: UpstreamRequest) => counted(span.attempt(attempt));
    return guard ? guard.run(request, send) : send(request);
  }

  /** Sends with the source's token; a 401 means the token is no longer good: one new token, one retry. */
  #sendWithToken(request: UpstreamRequest, credentials: OAuth2ClientCredentials): Promise<UpstreamResponse> {
    return withToken(request, credentials, (authorized) => this.#send(authorized));
  }

  /** Opens with the source's token, as `#sendWithToken` sends: a 401 at the opening gets one new token, one more opening. */
  #openWithToken(request: StreamRequest, credentials: OAuth2ClientCredentials): Promise<UpstreamStream | UpstreamResponse> {
    return withToken(request, credentials, (authorized) => this.#open(authorized));
  }

  /**
   * Opens a call whose answer is read as it arrives, through the source's guard. Its retry policy
   * applies only until the status arrives: an answer it retries (a 429 or 503 with Retry-After) is
   * read whole, and so is every answer that is not 2xx, returned as an `UpstreamResponse` for the
   * connector to map; a 2xx is returned as an `UpstreamStream` and never sent again. `timeoutMs`
   * bounds the wait for the status (within the deadline), `idleTimeoutMs` each silence of the
   * stream, `maxResponseBytes` the whole body; the request's signal aborts it at any point. Never
   * coalesced; with tracing on, its client span lasts until the stream starts. With the source's
   * OAuth client credentials, each attempt carries the current token, and a 401 is answered by
   * one new token and one more opening, as for `send`.
   */
  openStream(request: StreamRequest): Promise<UpstreamStream | UpstreamResponse> {
    const guard = this.#guards.get(request.source);
    const credentials = this.#credentials.get(request.source);
    const open =
      credentials === undefined
        ? (attempt: StreamRequest) => this.#open(attempt)
        : (attempt: StreamRequest) => this.#openWithToken(attempt, credentials);
    const guarded = (span: UpstreamSpan | undefined) => {
      const send = (attempt: StreamRequest) => {
        request.onAttempt?.();
        return open(span === undefined ? attempt : { ...attempt, headers: span.attempt(attempt).headers });
      };
      return guard ? guard.run(request, send) : send(request);
    };
    // The span ends when the stream starts (its status known); the model's span covers the whole reply.
    return this.#tracing ? inUpstreamSpan(request, guarded) : guarded(undefined);
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  async #send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeoutMs);
    try {
      const response = await undiciRequest(request.url, {
        dispatcher: this.#agent,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > request.maxResponseBytes) {
          response.body.destroy();
          this.#hooks.afterResponse?.(request, 'too_large', elapsed());
          throw new UpstreamBadResponseError(
            request.source,
            `Upstream "${request.source}" sent a response larger than ${request.maxResponseBytes} bytes`,
            { status: response.statusCode },
          );
        }
        chunks.push(buffer);
      }
      this.#hooks.afterResponse?.(request, outcomeOfStatus(response.statusCode), elapsed());
      return new UpstreamResponse(request.source, response.statusCode, response.headers, Buffer.concat(chunks, size));
    } catch (error) {
      if (error instanceof UpstreamBadResponseError) throw error;
      if (timedOut) {
        this.#hooks.afterResponse?.(request, 'timeout', elapsed());
        throw new UpstreamTimeoutError(request.source, request.timeoutMs, { cause: error });
      }
      this.#hooks.afterResponse?.(request, 'network_error', elapsed());
      throw new UpstreamUnavailableError(request.source, `Upstream "${request.source}" could not be reached`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async #open(request: StreamRequest): Promise<UpstreamStream | UpstreamResponse> {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
    const controller = new AbortController();
    const abort = () => controller.abort();
    if (request.signal.aborted) abort();
    request.signal.addEventListener('abort', abort, { once: true });
    const release = () => request.signal.removeEventListener('abort', abort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeoutMs);
    let response: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      response = await undiciRequest(request.url, {
        dispatcher: this.#agent,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        bodyTimeout: request.idleTimeoutMs,
      });
    } catch (error) {
      release();
      if (timedOut) {
        this.#hooks.afterResponse?.(request, 'timeout', elapsed());
        throw new UpstreamTimeoutError(request.source, request.timeoutMs, { cause: error });
      }
      this.#hooks.afterResponse?.(request, request.signal.aborted ? 'cancelled' : 'network_error', elapsed());
      const message = request.signal.aborted
        ? `The call to upstream "${request.source}" was cancelled`
        : `Upstream "${request.source}" could not be reached`;
      throw new UpstreamUnavailableError(request.source, message, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    const { statusCode, headers } = response;
    if (statusCode < 200 || statusCode >= 300) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of this.#capped(request, response.body, statusCode)) chunks.push(chunk);
        this.#hooks.afterResponse?.(request, outcomeOfStatus(statusCode), elapsed());
        return new UpstreamResponse(request.source, statusCode, headers, Buffer.concat(chunks));
      } catch (error) {
        this.#hooks.afterResponse?.(request, error instanceof UpstreamTimeoutError ? 'timeout' : 'network_error', elapsed());
        throw error;
      } finally {
        release();
      }
    }
    const body = response.body;
    const capped = this.#capped(request, body, statusCode);
    const hooks = this.#hooks;
    async function* streamed(): AsyncGenerator<Buffer> {
      let outcome: UpstreamOutcome = 'success';
      try {
        yield* capped;
      } catch (error) {
        outcome =
          error instanceof UpstreamTimeoutError
            ? 'timeout'
            : error instanceof UpstreamBadResponseError
              ? 'too_large'
              : request.signal.aborted
                ? 'cancelled'
                : 'network_error';
        throw error;
      } finally {
        // Left early (the reader has what it wanted, or its client is gone): the connection goes too.
        if (!body.readableEnded) {
          body.destroy();
          if (outcome === 'success' && request.signal.aborted) outcome = 'cancelled';
        }
        release();
        hooks.afterResponse?.(request, outcome, elapsed());
      }
    }
    return new UpstreamStream(request.source, statusCode, headers, streamed());
  }

  /** A body's chunks within the size cap, its read failures as typed errors. */
  async *#capped(request: StreamRequest, body: AsyncIterable<unknown>, status: number): AsyncGenerator<Buffer> {
    let size = 0;
    try {
      for await (const chunk of body) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > request.maxResponseBytes) {
          throw new UpstreamBadResponseError(
            request.source,
            `Upstream "${request.source}" sent a response larger than ${request.maxResponseBytes} bytes`,
            { status },
          );
        }
        yield buffer;
      }
    } catch (error) {
      if (error instanceof UpstreamBadResponseError) throw error;
      if (error instanceof undiciErrors.BodyTimeoutError) {
        throw new UpstreamTimeoutError(request.source, request.idleTimeoutMs, {
          cause: error,
          status,
          extensions: { reason: 'stream_idle' },
        });
      }
      const message = request.signal.aborted
        ? `The call to upstream "${request.source}" was cancelled`
        : `Upstream "${request.source}" broke off its answer`;
      throw new UpstreamUnavailableError(request.source, message, { cause: error, status, extensions: { reason: 'stream_interrupted' } });
    }
  }
}

/**
 * Makes a call with the source's current token as `Authorization: Bearer …`. An answer of 401
 * means the token is no longer good: it is dropped, and the call made once more with a new one.
 */
async function withToken<R extends { readonly headers: Readonly<Record<string, string>> }, A>(
  request: R,
  credentials: OAuth2ClientCredentials,
  call: (authorized: R) => Promise<A>,
): Promise<A> {
  const authorized = (token: string): R => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
  const token = await credentials.token();
  const answer = await call(authorized(token));
  if (!(answer instanceof UpstreamResponse) || answer.status !== 401) return answer;
  credentials.invalidate(token);
  return call(authorized(await credentials.token()));
}
