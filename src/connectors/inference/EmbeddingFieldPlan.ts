import type { Template } from '../../templates/parseTemplate';
import type { InferenceSourceConfig } from './InferenceSourceConfig';

/** Everything needed to resolve one `@embedding` field, compiled once at startup. */
export interface EmbeddingFieldPlan {
  readonly kind: 'embedding';
  readonly coordinate: string;
  readonly source: InferenceSourceConfig;
  /** The text to embed, e.g. `{parent.name}: {parent.description}`. */
  readonly input: Template;
  /** Most texts in one `/embeddings` call. */
  readonly maxBatchSize: number;
  /** The template reads `{claims…}`: embeddings are cached per caller. */
  readonly perCaller: boolean;
}
