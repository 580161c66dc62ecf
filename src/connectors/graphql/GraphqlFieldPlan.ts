import type { GraphQLInputType } from 'graphql';
import type { CachePolicy } from '../../cache/CachePolicy';
import type { Template } from '../../templates/parseTemplate';
import type { GraphqlSourceConfig } from './GraphqlSourceConfig';

/** Everything needed to delegate one `@graphql` field, compiled once at startup. */
export interface GraphqlFieldPlan {
  readonly kind: 'graphql';
  /** Schema coordinate, e.g. `Product.reviews`. */
  readonly coordinate: string;
  readonly source: GraphqlSourceConfig;
  /** `query` for fields of Query and object types; `mutation` for fields of Mutation. */
  readonly operation: 'query' | 'mutation';
  /** The upstream root field the selection is sent to. */
  readonly upstreamField: string;
  /** The upstream field's arguments, in order. */
  readonly args: readonly GraphqlArgument[];
  /** Queries may be batched, shared, retried and cached; mutations never. */
  readonly idempotent: boolean;
  /** Reuse of answers, from `@cacheControl` hints; undefined when not cached. */
  readonly cache: CachePolicy | undefined;
  /**
   * Fields (`Type.field`) that the gateway resolves itself (another directive): never sent
   * upstream, whose type does not have them.
   */
  readonly localFields: ReadonlySet<string>;
}

export interface GraphqlArgument {
  readonly name: string;
  readonly value: Template;
  /**
   * The input type of the value, when the template is exactly one of the field's own arguments
   * (an enum is then written as an enum); undefined when the value's JSON type is all we know.
   */
  readonly type: GraphQLInputType | undefined;
}
