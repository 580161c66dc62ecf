import type { CachePolicy } from '../../cache/CachePolicy';
import type { HttpMethod } from '../../http/UpstreamRequest';
import type { HeaderTemplate } from '../../schema/SourceConfig';
import type { RestSourceConfig } from './RestSourceConfig';
import type { JsonTemplate } from '../../templates/JsonTemplate';
import type { Template } from '../../templates/parseTemplate';

/** Everything needed to resolve one `@rest` field, compiled once at startup. */
export interface RestFieldPlan {
  readonly kind: 'rest';
  /** Schema coordinate, e.g. `Order.customer`. */
  readonly coordinate: string;
  readonly source: RestSourceConfig;
  readonly method: HttpMethod;
  /** One template per path segment. */
  readonly path: readonly Template[];
  /** The path as written in `@rest(path:)`, for traces. */
  readonly route?: string;
  readonly query: readonly (readonly [string, Template])[];
  readonly body: JsonTemplate | undefined;
  readonly headers: readonly HeaderTemplate[];
  readonly batch: RestBatch | undefined;
  readonly resultPath: readonly string[];
  readonly select: readonly string[];
  readonly idempotent: boolean;
  /** The field's type is a list: a batch gathers every matching item, not the first. */
  readonly returnsList: boolean;
  /** Reuse of answers, from `@cacheControl` hints; undefined when not cached. */
  readonly cache: CachePolicy | undefined;
  /** A 404 answer means "no such item" (null), not a rejection. */
  readonly notFoundIsNull: boolean;
}

export interface RestBatch {
  /** Query parameter that is repeated once per key. */
  readonly param: string;
  /** Field of each returned item that carries the key. */
  readonly field: readonly string[];
}
