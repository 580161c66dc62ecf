import type { SourceAuth } from './SourceAuth';
import type { ResilienceSettings } from './ResilienceSettings';
import type { Template } from '../templates/parseTemplate';

/** Settings every kind of source has, with defaults filled in. */
export interface SourceSettings {
  readonly name: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly maxBatchSize: number;
  /** Default upstream cache TTL for the source's idempotent calls; 0 caches nothing by default. */
  readonly cacheMaxAgeSeconds: number;
  /** Retries, circuit breaker and limits for the source's calls. */
  readonly resilience: ResilienceSettings;
  /** OAuth 2.0 client credentials and what is forwarded from the caller; undefined for neither. */
  readonly auth: SourceAuth | undefined;
}

/**
 * A compiled `@source`: the settings every source has, and its connector's own, tagged by the
 * connector's kind. Each connector declares its config as an extension of this one
 * (`RestSourceConfig`, `SoapSourceConfig`, …); only the connector registry knows them all.
 */
export interface SourceConfig extends SourceSettings {
  readonly kind: string;
}

export const SOURCE_DEFAULTS = Object.freeze({
  timeoutMs: 10_000,
  maxResponseBytes: 16 * 1024 * 1024,
  maxBatchSize: 100,
});

/** A header whose value is rendered per call. */
export interface HeaderTemplate {
  readonly name: string;
  readonly value: Template;
}
