import type { LimitsConfig } from '../limits/LimitsConfig';
import type { SubscriptionLimits } from '../subscriptions/transport/SubscriptionLimits';
import type { TrustProxy } from './parseTrustProxy';
import type { TrustedDocumentsMode } from '../trustedDocuments/TrustedDocuments';

/**
 * How the workers of one instance share new connections: `os`, each worker accepts from the
 * shared socket and the kernel picks which (no hop through the primary: a burst of new
 * connections is served at once); `round-robin`, the cluster primary accepts every connection and
 * hands it to the next worker, one at a time, each handoff waiting for that worker's event loop.
 */
export const CONNECTION_BALANCING_MODES = ['os', 'round-robin'] as const;
export type ConnectionBalancing = (typeof CONNECTION_BALANCING_MODES)[number];

/** Process-level settings, read once from the environment. Documented in the README's configuration table. */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly schemaDir: string;
  readonly logLevel: string;
  /** Largest accepted request body; larger ones get HTTP 413. */
  readonly bodyLimitBytes: number;
  /** Origins allowed by CORS; empty means same-origin only. `*` allows any. */
  readonly corsOrigins: readonly string[];
  /** Serve the GraphiQL playground to browsers at /graphql. */
  readonly playground: boolean;
  /** Serve the live status page at /status (and its data at /status.json). */
  readonly statusPage: boolean;
  /** Answer introspection queries (the playground's schema explorer needs it). */
  readonly introspection: boolean;
  /** Shared state (upstream cache, budgets) in Redis; unset keeps it in memory. */
  readonly redisUrl: string | undefined;
  /** Prefix of every key the gateway stores (cache, persisted queries, budgets). */
  readonly keyPrefix: string;
  /** Deadline for all upstream calls of one request, whatever their sources' own timeouts. */
  readonly requestTimeoutMs: number;
  /** How many compiled operation plans are kept (least recently used go first). */
  readonly maxOperationPlans: number;
  /** Query limits and per-caller rate limits. */
  readonly limits: LimitsConfig;
  /** Limits of subscriptions over WebSocket and SSE. */
  readonly subscriptions: SubscriptionLimits;
  /** How long /readyz answers 503 before the listener closes, for load balancers to notice. */
  readonly shutdownDelayMs: number;
  /** Longest a shutdown waits for in-flight requests. */
  readonly shutdownGraceMs: number;
  /** Tokens each caller may spend on inference per hour (anonymous callers share one budget); undefined for no budget. */
  readonly inferenceTokenBudgetPerHour: number | undefined;
  /** Gateway processes sharing the port (node:cluster); 1 runs the gateway in this process alone. */
  readonly workers: number;
  /** How new connections are spread over the workers (see CONNECTION_BALANCING_MODES). */
  readonly connectionBalancing: ConnectionBalancing;
  /** OpenTelemetry traces are exported (an OTLP endpoint is set in the standard OTEL_* variables). */
  readonly tracing: boolean;
  /** Reload the schema when a file of the schema folder changes (SIGHUP always reloads). */
  readonly schemaWatch: boolean;
  /** Proxies trusted to name the client in `X-Forwarded-For` (anonymous rate limits key on the client address). */
  readonly trustProxy: TrustProxy;
  /** Persisted-operation safelisting (see docs/authorization.md). */
  readonly trustedDocuments: {
    readonly mode: TrustedDocumentsMode;
    /** The manifest file; undefined when none is used. */
    readonly manifestPath: string | undefined;
    /** Callers holding one of these scopes are never restricted. */
    readonly exemptScopes: readonly string[];
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
