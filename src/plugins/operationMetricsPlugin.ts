import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../execution/RequestContext';
import { BoundedLabels } from '../observability/BoundedLabels';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import { summarizeResponse } from './responseOutcome';

/** Distinct operation names kept as labels (per worker); later ones count as `__other`. */
const MAX_OPERATIONS = 500;
/** Distinct client names kept as labels (per worker). */
const MAX_CLIENTS = 200;

/**
 * Metrics per operation: how many answered and how (success, partial, error), how long they took,
 * their errors by code, requests in flight, and which clients still use deprecated parts of the
 * schema. Operation and client names come from callers, so both are bounded.
 */
export function operationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<RequestContext> {
  const operations = new BoundedLabels(MAX_OPERATIONS);
  const clients = new BoundedLabels(MAX_CLIENTS);
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      metrics.requestsInFlight.inc();
      return {
        async willSendResponse(requestContext) {
          const { operationName, operation, contextValue } = requestContext;
          metrics.requestsInFlight.dec();
          const name = operation === undefined ? '__invalid' : operations.label(operationName ?? '__anonymous');
          const { outcome, codes } = summarizeResponse(requestContext);
          metrics.operations.inc({ operation: name, outcome });
          metrics.operationDuration.observe({ operation: name }, (performance.now() - started) / 1000);
          for (const code of codes) metrics.operationErrors.inc({ operation: name, code });
          const used = contextValue.audit.deprecatedUsed;
          if (used.length > 0) {
            const client = clients.label(request.http?.headers.get('apollographql-client-name') || '__unknown');
            for (const coordinate of used) metrics.deprecatedUsage.inc({ coordinate, client });
          }
        },
      };
    },
  };
}
