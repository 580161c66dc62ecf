import type { GraphQLOutputType } from 'graphql';
import type { CachePolicy } from '../../cache/CachePolicy';
import type { Template } from '../../templates/parseTemplate';
import type { ReplyValidator } from './compileReplyValidator';
import type { JsonSchema } from './deriveJsonSchema';
import type { InferenceSourceConfig } from './InferenceSourceConfig';

/** How a model answers a field: free text for `String`, JSON of the field's type otherwise. */
export type ReplyFormat =
  | { readonly kind: 'text' }
  | {
      readonly kind: 'json';
      /** `response_format.json_schema.name`: the coordinate, e.g. `Query_assistant`. */
      readonly name: string;
      readonly schema: JsonSchema;
      /** The value travels as `{ "value": … }` (the type is not an object type). */
      readonly wrapped: boolean;
      readonly validate: ReplyValidator;
      readonly type: GraphQLOutputType;
    };

/** Everything needed to resolve one `@inference` field, compiled once at startup. */
export interface InferenceFieldPlan {
  readonly kind: 'inference';
  readonly coordinate: string;
  readonly source: InferenceSourceConfig;
  readonly system: Template | undefined;
  readonly prompt: Template;
  readonly temperature: number;
  readonly maxTokens: number | undefined;
  readonly format: ReplyFormat;
  /** How long answers are reused, and by whom; only deterministic (temperature 0) calls have one. */
  readonly cache: CachePolicy | undefined;
}
