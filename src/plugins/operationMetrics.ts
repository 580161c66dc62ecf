import { BoundedLabels } from '../observability/BoundedLabels';
import type { GatewayMetrics } from '../observability/GatewayMetrics';
import type { RequestObserver } from './RequestObserver';

/** Distinct operation names kept as labels (per worker); later ones count as `__other`. */
const MAX_OPERATIONS = 500;
/** Distinct client names kept as labels (per worker). */
const MAX_CLIENTS = 200;

/**
 * Metrics per operation: how many answered and how (success, partial, error), how long they took,
 * their errors by code, requests in flight, and which clients still use deprecated parts of the
 * schema. Operation and client names come from callers, so both are bounded.
 */
export function countOperations(metrics: GatewayMetrics): RequestObserver {
  const operations = new BoundedLabels(MAX_OPERATIONS);
  const clients = new BoundedLabels(MAX_CLIENTS);
  return {
    requestStarted() {
      metrics.requestStarted();
    },
    responseReady({ requestContext, summary: { outcome, codes }, durationMs }) {
      const { operationName, operation, contextValue, request } = requestContext;
      metrics.requestFinished();
      const name = operation === undefined ? '__invalid' : operations.label(operationName ?? '__anonymous');
      metrics.countOperation(name, outcome, codes);
      metrics.operationDuration.observe({ operation: name }, durationMs / 1000);
      const used = contextValue.audit.deprecatedUsed;
      if (used.length > 0) {
        const client = clients.label(request.http?.headers.get('apollographql-client-name') || '__unknown');
        for (const coordinate of used) metrics.deprecatedUsage.inc({ coordinate, client });
      }
    },
  };
}
