import type { SourceConfig } from '../../schema/SourceConfig';

/** A REST API, as used. */
export interface RestSourceConfig extends SourceConfig {
  readonly kind: 'rest';
  /** Origin and base path, without a trailing slash, e.g. `https://shop.example.com/api`. */
  readonly baseURL: string;
  /** Headers sent with every call; values are already interpolated from the environment. */
  readonly headers: Readonly<Record<string, string>>;
}
