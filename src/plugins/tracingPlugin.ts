import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestContext } from '../execution/RequestContext';
import { summarizeResponse } from './responseOutcome';

/**
 * Names the request's operation span after the operation once Apollo has resolved it, and records
 * what it was and how it ended: `graphql.operation.name`, `graphql.operation.type`, the document's
 * sha256 (`graphql.document.hash`, never the document itself), the outcome and the error codes.
 */
export function tracingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { operation, operationName, queryHash } = requestContext;
          const span = trace.getActiveSpan();
          if (span === undefined) return;
          const type = operation?.operation ?? 'invalid';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          const { outcome, codes } = summarizeResponse(requestContext);
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
    },
  };
}
