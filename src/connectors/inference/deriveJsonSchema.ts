import {
  getNamedType,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { enumWireValues } from './enumWireValues';

/** The subset of JSON Schema that structured outputs accept in strict mode. */
export type JsonSchema = {
  type?: string | string[];
  description?: string;
  enum?: (string | null)[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: false;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
};

export interface DerivedJsonSchema {
  /** Always an object: strict structured outputs need an object at the root. */
  readonly schema: JsonSchema;
  /**
   * The field's type is not an object type, so the value travels in a `{ "value": … }` wrapper
   * and is taken out again after validation.
   */
  readonly wrapped: boolean;
}

/** The field's type cannot be described to a model (an interface, a union, a recursive type). */
export class UnsupportedOutputTypeError extends Error {
  override readonly name = 'UnsupportedOutputTypeError';
}

/** Field name of the wrapper around a value that is not an object. */
export const WRAPPED_VALUE = 'value';

/**
 * Derives the JSON schema of a GraphQL output type, for `response_format: json_schema` in strict
 * mode (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas): every
 * property is required and no others are allowed; a nullable field may be `null` (`["string",
 * "null"]`, or `anyOf` with `null` for objects and lists); enums list their wire values
 * (`enumWireValues`); lists are arrays; descriptions are passed on, since they are the model's
 * only documentation. A nullable object at the root is asked for as an object: a model that has
 * nothing to say still answers in shape. Throws `UnsupportedOutputTypeError`. Pure.
 */
export function deriveJsonSchema(type: GraphQLOutputType): DerivedJsonSchema {
  const root = isNonNullType(type) ? type.ofType : type;
  if (isObjectType(root)) return { schema: objectSchema(root, new Set()), wrapped: false };
  return {
    schema: {
      type: 'object',
      properties: { [WRAPPED_VALUE]: schemaOf(type, new Set()) },
      required: [WRAPPED_VALUE],
      additionalProperties: false,
    },
    wrapped: true,
  };
}

function schemaOf(type: GraphQLOutputType, seen: ReadonlySet<string>): JsonSchema {
  if (isNonNullType(type)) return nonNullSchemaOf(type.ofType, seen);
  const schema = nonNullSchemaOf(type, seen);
  if (schema.type === 'object' || schema.type === 'array') return { anyOf: [schema, { type: 'null' }] };
  const nullable: JsonSchema = { ...schema, type: [schema.type as string, 'null'] };
  if (schema.enum) nullable.enum = [...schema.enum, null];
  return nullable;
}

function nonNullSchemaOf(type: GraphQLOutputType, seen: ReadonlySet<string>): JsonSchema {
  if (isListType(type)) return { type: 'array', items: schemaOf(type.ofType, seen) };
  if (isObjectType(type)) return objectSchema(type, seen);
  if (isEnumType(type)) {
    const descriptions = type
      .getValues()
      .filter((value) => value.description)
      .map((value) => `${value.name.toLowerCase()}: ${value.description as string}`);
    return withDescription(
      { type: 'string', enum: [...enumWireValues(type).keys()] },
      [type.description, ...descriptions].filter(Boolean).join('\n'),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case GraphQLInt.name:
        return { type: 'integer' };
      case GraphQLFloat.name:
        return { type: 'number' };
      case GraphQLBoolean.name:
        return { type: 'boolean' };
      case GraphQLString.name:
      case GraphQLID.name:
        return { type: 'string' };
      default:
        // A custom scalar travels as a string; its description says what the string holds.
        return withDescription({ type: 'string' }, type.description ?? `a ${type.name} value`);
    }
  }
  throw new UnsupportedOutputTypeError(
    `${getNamedType(type).name} is an interface or union; a model can only answer object, enum, scalar and list types`,
  );
}

function objectSchema(type: GraphQLObjectType, seen: ReadonlySet<string>): JsonSchema {
  if (seen.has(type.name)) throw new UnsupportedOutputTypeError(`${type.name} contains itself; a model's answer must be finite`);
  const inside = new Set(seen).add(type.name);
  const properties: Record<string, JsonSchema> = {};
  for (const field of Object.values(type.getFields())) {
    properties[field.name] = withDescription(schemaOf(field.type, inside), field.description);
  }
  return withDescription({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false }, type.description);
}

function withDescription(schema: JsonSchema, description: string | null | undefined): JsonSchema {
  if (!description) return schema;
  if (schema.anyOf)
    return { ...schema, anyOf: schema.anyOf.map((branch) => (branch.type === 'null' ? branch : withDescription(branch, description))) };
  return { ...schema, description: schema.description ? `${description}\n${schema.description}` : description };
}
