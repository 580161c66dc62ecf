import type { SourceConfig } from '../../schema/SourceConfig';

/** A GraphQL service, `@source(graphql: { url, headers })`, with settings filled in. */
export interface GraphqlSourceConfig extends SourceConfig {
  readonly kind: 'graphql';
  /** The service's GraphQL endpoint, e.g. `https://reviews.example.com/graphql`. */
  readonly url: string;
  /** Headers sent with every call; values are already interpolated from the environment. */
  readonly headers: Readonly<Record<string, string>>;
}
