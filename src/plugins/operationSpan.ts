import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestObserver } from './RequestObserver';

/**
 * Names the request's operation span after the operation once Apollo has resolved it, and records
 * what it was and how it ended: `graphql.operation.name`, `graphql.operation.type`, the document's
 * sha256 (`graphql.document.hash`, never the document itself), the outcome and the error codes.
 */
export function nameOperationSpan(): RequestObserver {
  return {
    responseReady({ requestContext: { operation, operationName, queryHash }, summary: { outcome, codes } }) {
      const span = trace.getActiveSpan();
      if (span === undefined) return;
      const type = operation?.operation ?? 'invalid';
      span.updateName(operationName ? `${type} ${operationName}` : type);
      span.setAttributes({
        'graphql.operation.type': type,
        ...(operationName ? { 'graphql.operation.name': operationName } : {}),
        ...(queryHash ? { 'graphql.document.hash': queryHash } : {}),
        'tributary.outcome': outcome,
      });
      if (codes.length > 0) span.setAttribute('tributary.error_codes', [...new Set(codes)]);
      if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    },
  };
}
