import type { Template } from '../../templates/parseTemplate';
import type { InferenceSourceConfig } from './InferenceSourceConfig';

/** Everything needed to resolve one `@similarity` field, compiled once at startup. */
export interface SimilarityFieldPlan {
  readonly kind: 'similarity';
  readonly coordinate: string;
  readonly source: InferenceSourceConfig;
  /** Sibling field whose list is ranked, e.g. `products`; resolved with its own resolver and access rule. */
  readonly candidates: string;
  /** Default arguments of the candidates field. */
  readonly candidateArgs: Readonly<Record<string, unknown>>;
  /** The text to rank by, e.g. `{args.text}`. */
  readonly query: Template;
  /** Each candidate's text, with the candidate as `{parent…}`. */
  readonly document: Template;
  /** How many to return, e.g. `{args.first}`; all when undefined or when it renders to nothing. */
  readonly first: Template | undefined;
  readonly maxBatchSize: number;
  /** A template reads `{claims…}`: embeddings are cached per caller. */
  readonly perCaller: boolean;
}
