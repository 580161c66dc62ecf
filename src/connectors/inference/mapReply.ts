import { stringifyScalar } from '../../templates/renderTemplate';
import { isEnumType, isListType, isNonNullType, isObjectType, type GraphQLOutputType } from 'graphql';
import { enumWireValues } from './enumWireValues';

/**
 * Turns a model's answer, already validated against `deriveJsonSchema(type)`, into the field's
 * value: enum wire values become GraphQL enum names, objects keep exactly the type's fields.
 * Pure.
 */
export function mapReply(type: GraphQLOutputType, value: unknown): unknown {
  if (isNonNullType(type)) return mapReply(type.ofType, value);
  if (value === null || value === undefined) return null;
  if (isListType(type)) return (value as unknown[]).map((item) => mapReply(type.ofType, item));
  if (isEnumType(type)) return enumWireValues(type).get(stringifyScalar(value)) ?? null;
  if (isObjectType(type)) {
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) out[field.name] = mapReply(field.type, object[field.name]);
    return out;
  }
  return value;
}
