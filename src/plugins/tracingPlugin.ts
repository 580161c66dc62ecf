import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestContext } from '../execution/RequestContext';

/**
 * Names the request's operation span after the operation once Apollo has resolved it, and records
 * what it was and how it ended: `graphql.operation.name`, `graphql.operation.type`, the document's
 * sha256 (`graphql.document.hash`, never the document itself), the outcome and the error codes.
 */
export function tracingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, operationName, queryHash, response, errors }) {
          const span = trace.getActiveSpan();
          if (span === undefined) return;
          const type = operation?.operation ?? 'invalid';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const sent = body?.errors ?? errors ?? [];
          const hasData = body?.data !== undefined && body.data !== null;
          span.setAttributes({
            'graphql.operation.type': type,
            ...(operationName ? { 'graphql.operation.name': operationName } : {}),
            ...(queryHash ? { 'graphql.document.hash': queryHash } : {}),
            'tributary.outcome': sent.length === 0 ? 'success' : hasData ? 'partial' : 'error',
          });
          if (sent.length > 0) {
            const codes = [
              ...new Set(sent.map((error) => error.extensions?.['code']).filter((code): code is string => typeof code === 'string')),
            ];
            span.setAttribute('tributary.error_codes', codes);
            if (!hasData) span.setStatus({ code: SpanStatusCode.ERROR });
          }
        },
      };
    },
  };
}
