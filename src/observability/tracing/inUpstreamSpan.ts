import { context, propagation, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { UpstreamError } from '../../errors/UpstreamError';
import { withHeaders, type UpstreamRequest } from '../../http/UpstreamRequest';
import type { UpstreamResponse } from '../../http/UpstreamResponse';
import { tracer } from './tracer';

/** What the transport tells a call's span while the call goes on. */
export interface UpstreamSpan {
  /** The call joined an identical one in flight: no request of its own was sent. */
  coalesced(): void;
  /** One attempt is about to be sent: answers it with the span's `traceparent` added. */
  attempt(request: UpstreamRequest): UpstreamRequest;
}

/**
 * A call answered from the upstream cache: a span of its own, marked `tributary.cached`, so a
 * trace shows every upstream call the operation needed, sent or not. A no-op when tracing is off.
 */
export function recordCachedCall(request: UpstreamRequest): void {
  const span = tracer.startSpan(`${request.method} ${request.source}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'tributary.source': request.source,
      'http.request.method': request.method,
      'tributary.cached': true,
      ...(request.kind === undefined ? {} : { 'tributary.source.kind': request.kind }),
      ...(request.route === undefined ? {} : { 'url.template': request.route }),
    },
  });
  span.end();
}

/**
 * One client span per upstream call: source, method, server and path (never the query string,
 * which may carry keys), attempts, whether it was coalesced, the status, and an error status for
 * a failure. Every attempt carries the span's W3C trace context.
 */
export function inUpstreamSpan<R extends Pick<UpstreamResponse, 'status'>>(
  request: UpstreamRequest,
  run: (span: UpstreamSpan) => Promise<R>,
): Promise<R> {
  const url = new URL(request.url);
  return tracer.startActiveSpan(
    `${request.method} ${request.source}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'tributary.source': request.source,
        'http.request.method': request.method,
        'server.address': url.hostname,
        ...(url.port ? { 'server.port': Number(url.port) } : {}),
        'url.path': url.pathname,
        ...(request.kind === undefined ? {} : { 'tributary.source.kind': request.kind }),
        ...(request.route === undefined ? {} : { 'url.template': request.route }),
      },
    },
    async (span: Span) => {
      let attempts = 0;
      const handle: UpstreamSpan = {
        coalesced: () => span.setAttribute('tributary.coalesced', true),
        attempt: (attempt) => {
          attempts += 1;
          const headers: Record<string, string> = { ...attempt.headers };
          propagation.inject(context.active(), headers);
          return withHeaders(attempt, headers);
        },
      };
      try {
        const response = await run(handle);
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        return response;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof UpstreamError ? error.code : 'error' });
        throw error;
      } finally {
        if (attempts > 1) span.setAttribute('tributary.retries', attempts - 1);
        span.end();
      }
    },
  );
}
