import type { CachePolicy } from '../../cache/CachePolicy';
import type { JsonTemplate } from '../../templates/JsonTemplate';
import type { Template } from '../../templates/parseTemplate';
import type { SoapSourceConfig } from './SoapSourceConfig';
import type { SoapCodec } from './codec/SoapCodec';

/** Everything needed to resolve one `@soap` field, compiled once at startup. */
export interface SoapFieldPlan {
  readonly kind: 'soap';
  readonly coordinate: string;
  readonly source: SoapSourceConfig;
  /** The operation's compiled writer and reader. */
  readonly codec: SoapCodec;
  readonly input: JsonTemplate | undefined;
  readonly batch: SoapBatch | undefined;
  readonly resultPath: readonly string[];
  readonly idempotent: boolean;
  /** Reuse of answers, from `@cacheControl` hints; only for idempotent operations. */
  readonly cache: CachePolicy | undefined;
  readonly returnsList: boolean;
}

export interface SoapBatch {
  /** The parent's key, e.g. `{parent.id}`. */
  readonly key: Template;
  /** Where the list of keys goes in the input, e.g. `orderIds.orderId`. */
  readonly into: readonly string[];
  /** The field of each result item that carries the key. */
  readonly matchOn: readonly string[];
}
