import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer } from './tracer';

/**
 * Runs one GraphQL HTTP request inside its operation span, continuing the caller's trace when the
 * request carries a W3C `traceparent`. Everything the request does — Apollo's pipeline, the
 * executor, every upstream call — runs in the span's context, so its spans nest under it.
 */
export function inOperationSpan<T>(headers: Readonly<Record<string, string | string[] | undefined>>, run: () => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  return tracer.startActiveSpan('graphql', { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      return await run();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
