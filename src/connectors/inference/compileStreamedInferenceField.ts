import {
  getNullableType,
  GraphQLBoolean,
  GraphQLInt,
  GraphQLString,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLOutputType,
} from 'graphql';
import type { FieldContext } from '../../schema/FieldContext';
import { compileInferenceField } from './compileInferenceField';
import type { StreamedInferencePlan } from './StreamedInferencePlan';

/** The fields a `usage` object may have, each an `Int`. */
const USAGE_FIELDS: ReadonlySet<string> = new Set(['promptTokens', 'completionTokens', 'totalTokens']);

/**
 * Compiles `@inference(stream: true)`: only on a Subscription field, whose type is an object of
 * events — `done: Boolean!` and a nullable `reply` (the answer's type, text for `String`, JSON
 * validated against it otherwise), optionally `delta: String` and a nullable `usage` object of
 * `promptTokens`, `completionTokens`, `totalTokens` (`Int`). Any other field needs a resolver of
 * its own. The model call is compiled as any `@inference` field's, with `reply`'s type.
 */
export function compileStreamedInferenceField(context: FieldContext, args: Record<string, unknown>): StreamedInferencePlan | undefined {
  const { coordinate, problems, schema } = context;
  if (!context.isRootType || context.type !== schema.getSubscriptionType()) {
    problems.add(coordinate, '@inference(stream: true) can only feed a field of the Subscription type');
    return undefined;
  }
  const replyType = readEventType(context);
  if (replyType === undefined) return undefined;
  const call = compileInferenceField(context, args, replyType);
  return call && Object.freeze({ kind: 'inference-stream', coordinate, call });
}

/** Checks the field's event type; the type of its `reply` field when it fits, else undefined with problems. */
function readEventType(context: FieldContext): GraphQLOutputType | undefined {
  const { coordinate, problems } = context;
  const eventType = getNullableType(context.field.type);
  if (!isObjectType(eventType)) {
    problems.add(coordinate, '@inference(stream: true) needs an object type of events, e.g. { delta: String, done: Boolean!, reply: … }');
    return undefined;
  }
  const before = problems.size;
  const fields = eventType.getFields();
  const add = (name: string, message: string) => problems.add(coordinate, `${eventType.name}.${name}: ${message}`);
  const { reply, done, delta, usage } = fields;
  if (reply === undefined || isNonNullType(reply.type)) add('reply', 'needed, nullable: the answer, null until the last event');
  if (done === undefined || getNullableType(done.type) !== GraphQLBoolean) add('done', 'needed, a Boolean!: true on the last event');
  if (delta !== undefined && delta.type !== GraphQLString) add('delta', 'must be a nullable String');
  if (usage !== undefined) checkUsage(context, usage, `${eventType.name}.usage`);
  for (const field of Object.values(fields)) {
    if (['reply', 'done', 'delta', 'usage'].includes(field.name)) continue;
    if (!context.resolvedFields.has(`${eventType.name}.${field.name}`))
      add(field.name, 'the stream fills only delta, done, reply and usage: give this field a resolver, or remove it');
  }
  return problems.size > before || reply === undefined ? undefined : reply.type;
}

function checkUsage(context: FieldContext, usage: GraphQLField<unknown, unknown>, where: string): void {
  const type = usage.type;
  if (isNonNullType(type) || !isObjectType(type)) {
    context.problems.add(context.coordinate, `${where}: must be a nullable object of promptTokens, completionTokens, totalTokens (Int)`);
    return;
  }
  for (const field of Object.values(type.getFields())) {
    if (!USAGE_FIELDS.has(field.name) || getNullableType(field.type) !== GraphQLInt)
      context.problems.add(
        context.coordinate,
        `${where}: ${type.name}.${field.name} is not one of promptTokens, completionTokens, totalTokens (Int)`,
      );
  }
}
