import type { InferenceSourceConfig } from './InferenceSourceConfig';
import { getNullableType, isListType, isNonNullType, isScalarType, GraphQLFloat } from 'graphql';
import { parseFieldTemplate, type FieldContext } from '../../schema/FieldContext';
import { optionalString } from '../../schema/readArgs';
import type { EmbeddingFieldPlan } from './EmbeddingFieldPlan';
import { lookupSource } from '../lookupSource';
import { readsClaims } from './readsClaims';
import { readMaxBatchSize } from './readMaxBatchSize';

/** Compiles `@embedding(...)` into a plan, recording every problem with the field's coordinate. */
export function compileEmbeddingField(context: FieldContext, args: Record<string, unknown>): EmbeddingFieldPlan | undefined {
  const { coordinate, problems } = context;
  const before = problems.size;
  const source = lookupSource<InferenceSourceConfig>(context, 'embedding', optionalString(args, 'source') ?? '', 'inference');
  const input = parseFieldTemplate(context, optionalString(args, 'input') ?? '', '@embedding input');
  const list = getNullableType(context.field.type);
  const item = isListType(list) ? list.ofType : undefined;
  if (item === undefined || !isNonNullType(item) || !isScalarType(item.ofType) || item.ofType.name !== GraphQLFloat.name) {
    problems.add(
      coordinate,
      `@embedding returns a vector: the field's type must be [Float!] or [Float!]!, not ${String(context.field.type)}`,
    );
  }
  const maxBatchSize = readMaxBatchSize(context, args, '@embedding');
  if (problems.size > before || !source || !input) return undefined;
  return Object.freeze({
    kind: 'embedding',
    coordinate,
    source,
    input,
    maxBatchSize: maxBatchSize ?? source.maxBatchSize,
    perCaller: readsClaims([input]),
  });
}
