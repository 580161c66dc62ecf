import type { InferenceSourceConfig } from './InferenceSourceConfig';
import { getNullableType, isListType, isScalarType, GraphQLString, type GraphQLOutputType } from 'graphql';
import { compileCachePolicy } from '../../cache/compileCachePolicy';
import { parseFieldTemplate, type FieldContext } from '../../schema/FieldContext';
import { optionalInt, optionalString } from '../../schema/readArgs';
import { compileReplyValidator } from './compileReplyValidator';
import { deriveJsonSchema, UnsupportedOutputTypeError } from './deriveJsonSchema';
import type { InferenceFieldPlan, ReplyFormat } from './InferenceFieldPlan';
import { lookupSource } from '../lookupSource';
import { readsClaims } from './readsClaims';

/**
 * Compiles `@inference(...)` into a plan, recording every problem with the field's coordinate. The
 * answer has the field's type, or `replyType` when the field carries it inside events (a streamed
 * reply, whose calls are never cached).
 */
export function compileInferenceField(
  context: FieldContext,
  args: Record<string, unknown>,
  replyType?: GraphQLOutputType,
): InferenceFieldPlan | undefined {
  const { coordinate, problems } = context;
  const before = problems.size;
  const source = lookupSource<InferenceSourceConfig>(context, 'inference', optionalString(args, 'source') ?? '', 'inference');
  const prompt = parseFieldTemplate(context, optionalString(args, 'prompt') ?? '', '@inference prompt');
  const systemText = optionalString(args, 'system');
  const system = systemText === undefined ? undefined : parseFieldTemplate(context, systemText, '@inference system');

  const temperatureArg = args['temperature'];
  const temperature = typeof temperatureArg === 'number' ? temperatureArg : 0;
  if (!(temperature >= 0 && temperature <= 2))
    problems.add(coordinate, `@inference temperature must be between 0 and 2, got ${temperature}`);
  const maxTokens = optionalInt(args, 'maxTokens');
  if (maxTokens !== undefined && maxTokens <= 0)
    problems.add(coordinate, `@inference maxTokens must be a positive integer, got ${maxTokens}`);

  const format = compileReplyFormat(context, replyType ?? context.field.type);
  if (problems.size > before || !source || !prompt || !format) return undefined;
  return Object.freeze({
    kind: 'inference',
    coordinate,
    source,
    system,
    prompt,
    temperature,
    maxTokens,
    format,
    // Only a deterministic call gives the same answer twice, so only it may be reused.
    cache:
      replyType === undefined
        ? compileCachePolicy({
            context,
            idempotent: temperature === 0,
            readsClaims: readsClaims([prompt, system]),
            source,
          })
        : undefined,
  });
}

/** `String` is answered as text; any other type as JSON validated against its derived schema. */
function compileReplyFormat(context: FieldContext, type: GraphQLOutputType): ReplyFormat | undefined {
  const nullable = getNullableType(type);
  if (!isListType(nullable) && isScalarType(nullable) && nullable.name === GraphQLString.name) return { kind: 'text' };
  try {
    const { schema, wrapped } = deriveJsonSchema(type);
    return {
      kind: 'json',
      name: context.coordinate.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
      schema,
      wrapped,
      validate: compileReplyValidator(schema),
      type,
    };
  } catch (error) {
    if (!(error instanceof UnsupportedOutputTypeError)) throw error;
    context.problems.add(context.coordinate, `@inference cannot answer ${String(type)}: ${error.message}`);
    return undefined;
  }
}
