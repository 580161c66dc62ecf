import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TransportHooks } from '../http/HttpTransport';
import { PendingCount, PendingCounts } from './PendingCounts';

/**
 * The gateway's Prometheus metrics, on a registry of its own (so several gateways in one process,
 * as in tests, never mix their counts).
 *
 * With several workers, the primary sums each metric over the workers' registries, as its
 * `aggregator` says: counters and histograms by default (`sum`), others as set below.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  #exposition: () => Promise<string> = () => this.registry.metrics();
  readonly upstreamRequests = new Counter({
    name: 'tributary_upstream_requests_total',
    help: 'Upstream calls made, by source and outcome (success, client_error, server_error, timeout, network_error, too_large, cancelled).',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: 'tributary_upstream_request_duration_seconds',
    help: 'Upstream call latency, by source.',
    labelNames: ['source'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  /** Coalesced calls per source since the last read (several per request: counted as plain numbers). */
  readonly #coalesced = new PendingCount('source');
  readonly upstreamCoalesced: Counter<'source'> = new Counter({
    name: 'tributary_upstream_coalesced_total',
    help: 'Calls answered by joining an identical idempotent call already in flight, by source.',
    labelNames: ['source'] as const,
    registers: [this.registry],
    collect: () => this.#coalesced.flushInto(this.upstreamCoalesced),
  });

  readonly inferenceTokens = new Counter({
    name: 'tributary_inference_tokens_total',
    help: 'Tokens used by inference calls, by source and kind (prompt, completion, embedding). Cached answers use none.',
    labelNames: ['source', 'kind'] as const,
    registers: [this.registry],
  });

  readonly upstreamRetries = new Counter({
    name: 'tributary_upstream_retries_total',
    help: 'Retries of idempotent upstream calls, by source.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly circuitState = new Gauge({
    name: 'tributary_circuit_state',
    help: 'Circuit breaker state per source: 0 closed, 1 half-open, 2 open (with several workers, the most open of their breakers).',
    labelNames: ['source'] as const,
    // Each worker has its own breakers; a sum of states would mean nothing, the worst one does.
    aggregator: 'max',
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'tributary_cache_lookups_total',
    help: 'Upstream cache lookups, by source and result (hit, miss).',
    labelNames: ['source', 'result'] as const,
    registers: [this.registry],
  });

  readonly cacheErrors = new Counter({
    name: 'tributary_cache_errors_total',
    help: 'Cache backend failures (the gateway answered from upstreams instead), by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  // Counted per request in plain numbers, added to the counters when they are read (see countOperation).
  readonly #outcomes = new PendingCounts('operation', 'outcome');
  readonly #errorCodes = new PendingCounts('operation', 'code');
  #inFlight = 0;

  readonly operations: Counter<'operation' | 'outcome'> = new Counter({
    name: 'tributary_operations_total',
    help: 'GraphQL operations answered, by operation name and outcome (success, partial, error). Anonymous operations are __anonymous, documents that failed to parse or validate __invalid, names past the first 500 __other.',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
    collect: () => this.#outcomes.flushInto(this.operations),
  });
  readonly operationDuration = new Histogram({
    name: 'tributary_operation_duration_seconds',
    help: 'Time from the request reaching the GraphQL pipeline to its response, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly operationErrors: Counter<'operation' | 'code'> = new Counter({
    name: 'tributary_operation_errors_total',
    help: 'Errors in GraphQL responses, by operation name and extensions.code.',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
    collect: () => this.#errorCodes.flushInto(this.operationErrors),
  });
  readonly requestsInFlight: Gauge = new Gauge({
    name: 'tributary_requests_in_flight',
    help: 'GraphQL requests being answered now (with several workers, the sum over them).',
    registers: [this.registry],
    collect: () => this.requestsInFlight.set(this.#inFlight),
  });
  readonly deprecatedUsage = new Counter({
    name: 'tributary_deprecated_usage_total',
    help: 'Operations that used a deprecated field, argument, input field or enum value, by schema coordinate and client (the apollographql-client-name header; __unknown without it, __other past the first 200 names).',
    labelNames: ['coordinate', 'client'] as const,
    registers: [this.registry],
  });

  readonly schemaReloads = new Counter({
    name: 'tributary_schema_reloads_total',
    help: 'Schema reloads (SIGHUP, SCHEMA_WATCH), by outcome: reloaded, or refused (the previous schema went on serving).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly subscriptionsActive = new Gauge({
    name: 'tributary_subscriptions_active',
    help: 'Subscriptions running now, by transport (ws, sse).',
    labelNames: ['transport'] as const,
    registers: [this.registry],
  });
  readonly subscriptionEvents = new Counter({
    name: 'tributary_subscription_events_total',
    help: 'Events delivered to subscribers, by transport (ws, sse).',
    labelNames: ['transport'] as const,
    registers: [this.registry],
  });
  readonly subscriptionRefusals = new Counter({
    name: 'tributary_subscription_refusals_total',
    help: 'Connections and subscriptions refused or cut, by reason (token, too_many_subscriptions, too_many_connections, slow_consumer, keepalive, token_expired).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter({
    name: 'tributary_webhook_deliveries_total',
    help: 'Webhook deliveries received, by source and outcome (accepted, refused: bad signature, timestamp or body; replayed).',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  /** A GraphQL request began (it counts in `tributary_requests_in_flight` until requestFinished). */
  requestStarted(): void {
    this.#inFlight += 1;
  }

  requestFinished(): void {
    this.#inFlight -= 1;
  }

  /** One answered operation: its outcome, and each error's code. Names must be bounded already. */
  countOperation(operation: string, outcome: string, codes: readonly string[]): void {
    this.#outcomes.add(operation, outcome);
    for (const code of codes) this.#errorCodes.add(operation, code);
  }

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'tributary_' });
  }

  /** What `/metrics` answers: this registry, unless `exposeFrom` replaced it. */
  exposition(): Promise<string> {
    return this.#exposition();
  }

  /** Makes `/metrics` answer from elsewhere: in a cluster worker, the sum over every worker. */
  exposeFrom(source: () => Promise<string>): void {
    this.#exposition = source;
  }

  /** Transport hooks that feed these metrics. */
  transportHooks(): TransportHooks {
    return {
      afterResponse: (request, outcome, durationSeconds) => {
        this.upstreamRequests.inc({ source: request.source, outcome });
        this.upstreamDuration.observe({ source: request.source }, durationSeconds);
      },
      onCoalesced: (request) => this.#coalesced.add(request.source),
      onRetry: (source) => this.upstreamRetries.inc({ source }),
      onCircuitState: (source, state) => this.circuitState.set({ source }, state === 'open' ? 2 : state === 'half_open' ? 1 : 0),
    };
  }
}
