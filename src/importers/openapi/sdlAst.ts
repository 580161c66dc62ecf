import {
  Kind,
  type ConstDirectiveNode,
  type ConstValueNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type NameNode,
  type NamedTypeNode,
  type StringValueNode,
  type TypeNode,
} from 'graphql';

/** Small builders for the graphql-js AST the importer prints: SDL is never concatenated as text. */

export const nameNode = (value: string): NameNode => ({ kind: Kind.NAME, value });

export const namedType = (name: string): NamedTypeNode => ({ kind: Kind.NAMED_TYPE, name: nameNode(name) });

export function nonNull(type: TypeNode): TypeNode {
  return type.kind === Kind.NON_NULL_TYPE ? type : { kind: Kind.NON_NULL_TYPE, type };
}

export const listOf = (type: TypeNode): TypeNode => ({ kind: Kind.LIST_TYPE, type });

export function description(text: string | undefined): StringValueNode | undefined {
  const trimmed = text?.trim();
  return trimmed ? { kind: Kind.STRING, value: trimmed, block: trimmed.includes('\n') || trimmed.includes('"') } : undefined;
}

/** An enum value in a directive argument (`method: POST`), as opposed to a string. */
export class EnumLiteral {
  constructor(readonly value: string) {}
}

/** A directive argument value from plain data: strings, numbers, booleans, lists and objects (whose keys must be GraphQL names). */
export function constValue(value: unknown): ConstValueNode {
  if (value instanceof EnumLiteral) return { kind: Kind.ENUM, value: value.value };
  if (typeof value === 'string') return { kind: Kind.STRING, value };
  if (typeof value === 'boolean') return { kind: Kind.BOOLEAN, value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { kind: Kind.INT, value: String(value) } : { kind: Kind.FLOAT, value: String(value) };
  if (Array.isArray(value)) return { kind: Kind.LIST, values: value.map(constValue) };
  if (typeof value === 'object' && value !== null) {
    return {
      kind: Kind.OBJECT,
      fields: Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => ({ kind: Kind.OBJECT_FIELD, name: nameNode(key), value: constValue(item) })),
    };
  }
  return { kind: Kind.NULL };
}

/** A directive whose arguments are given in order; undefined arguments are left out. */
export function directive(name: string, args: Record<string, unknown>): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: nameNode(name),
    arguments: Object.entries(args)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => ({ kind: Kind.ARGUMENT, name: nameNode(key), value: constValue(value) })),
  };
}

export function fieldDefinition(options: {
  name: string;
  type: TypeNode;
  description?: string | undefined;
  args?: readonly InputValueDefinitionNode[];
  directives?: readonly ConstDirectiveNode[];
}): FieldDefinitionNode {
  return {
    kind: Kind.FIELD_DEFINITION,
    name: nameNode(options.name),
    type: options.type,
    description: description(options.description),
    arguments: options.args ?? [],
    directives: options.directives ?? [],
  };
}

export function inputValueDefinition(options: {
  name: string;
  type: TypeNode;
  description?: string | undefined;
  directives?: readonly ConstDirectiveNode[];
}): InputValueDefinitionNode {
  return {
    kind: Kind.INPUT_VALUE_DEFINITION,
    name: nameNode(options.name),
    type: options.type,
    description: description(options.description),
    directives: options.directives ?? [],
  };
}
