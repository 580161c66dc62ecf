import type { GraphqlSourceConfig } from '../connectors/graphql/GraphqlSourceConfig';
import type { InferenceSourceConfig } from '../connectors/inference/InferenceSourceConfig';
import type { SoapSourceConfig } from '../connectors/soap/SoapSourceConfig';
import type { SourceAuth } from '../http/credentials/SourceAuth';
import type { ResilienceSettings } from '../http/resilience/ResilienceSettings';
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

export interface RestSourceConfig extends SourceSettings {
  readonly kind: 'rest';
  /** Origin and base path, without a trailing slash, e.g. `https://shop.example.com/api`. */
  readonly baseURL: string;
  /** Headers sent with every call; values are already interpolated from the environment. */
  readonly headers: Readonly<Record<string, string>>;
}

export type SourceConfig = RestSourceConfig | SoapSourceConfig | GraphqlSourceConfig | InferenceSourceConfig;

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
