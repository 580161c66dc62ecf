import type { InferenceSourceConfig } from './InferenceSourceConfig';
import { getNamedType, getNullableType, isListType, isObjectType } from 'graphql';
import { parseFieldTemplate, type FieldContext } from '../../schema/FieldContext';
import { optionalString } from '../../schema/readArgs';
import { lookupSource } from '../lookupSource';
import { readsClaims } from './readsClaims';
import { readMaxBatchSize } from './readMaxBatchSize';
import type { SimilarityFieldPlan } from './SimilarityFieldPlan';

/** Compiles `@similarity(...)` into a plan, recording every problem with the field's coordinate. */
export function compileSimilarityField(context: FieldContext, args: Record<string, unknown>): SimilarityFieldPlan | undefined {
  const { coordinate, problems, field, type } = context;
  const before = problems.size;
  const source = lookupSource<InferenceSourceConfig>(context, 'similarity', optionalString(args, 'source') ?? '', 'inference');
  const query = parseFieldTemplate(context, optionalString(args, 'query') ?? '', '@similarity query');
  const firstText = optionalString(args, 'first');
  const first = firstText === undefined ? undefined : parseFieldTemplate(context, firstText, '@similarity first');
  // The document is rendered once per candidate, with the candidate as its parent.
  const document = parseFieldTemplate(
    { ...context, isRootType: false, field: { ...field, args: [] } },
    optionalString(args, 'document') ?? '',
    '@similarity document',
  );

  const candidates = optionalString(args, 'candidates') ?? '';
  const candidateField = type.getFields()[candidates];
  const returns = getNullableType(field.type);
  if (!isListType(returns) || !isObjectType(getNamedType(returns))) {
    problems.add(
      coordinate,
      `@similarity returns the ranked candidates: the field's type must be a list of an object type, not ${String(field.type)}`,
    );
  }
  if (candidateField === undefined || candidates === field.name) {
    problems.add(coordinate, `@similarity candidates "${candidates}" must name another field of ${type.name}`);
  } else {
    const candidateType = getNullableType(candidateField.type);
    if (!isListType(candidateType) || getNamedType(candidateType) !== getNamedType(field.type)) {
      problems.add(coordinate, `@similarity candidates ${type.name}.${candidates} must return a list of ${getNamedType(field.type).name}`);
    }
    const required = candidateField.args.filter((arg) => arg.defaultValue === undefined && String(arg.type).endsWith('!'));
    if (required.length > 0)
      problems.add(
        coordinate,
        `@similarity candidates ${type.name}.${candidates} has required arguments (${required.map((arg) => arg.name).join(', ')})`,
      );
  }
  const maxBatchSize = readMaxBatchSize(context, args, '@similarity');
  if (problems.size > before || !source || !query || !document || candidateField === undefined) return undefined;
  const candidateArgs: Record<string, unknown> = {};
  for (const arg of candidateField.args) if (arg.defaultValue !== undefined) candidateArgs[arg.name] = arg.defaultValue;
  return Object.freeze({
    kind: 'similarity',
    coordinate,
    source,
    candidates,
    candidateArgs: Object.freeze(candidateArgs),
    query,
    document,
    first,
    maxBatchSize: maxBatchSize ?? source.maxBatchSize,
    perCaller: readsClaims([query, document]),
  });
}
