import { astFromValueUntyped } from '@graphql-tools/utils';
import {
  Kind,
  type ConstArgumentNode,
  type ConstDirectiveNode,
  type ConstValueNode,
  type NameNode,
  type StringValueNode,
  type TypeNode,
} from 'graphql';

/** Small constructors for the graphql-js AST the importer prints. */
export function nameNode(value: string): NameNode {
  return { kind: Kind.NAME, value };
}

export function namedType(name: string): TypeNode {
  return { kind: Kind.NAMED_TYPE, name: nameNode(name) };
}

export function nonNull(type: TypeNode): TypeNode {
  return type.kind === Kind.NON_NULL_TYPE ? type : { kind: Kind.NON_NULL_TYPE, type };
}

export function listOf(type: TypeNode): TypeNode {
  return { kind: Kind.LIST_TYPE, type };
}

export function nullable(type: TypeNode): TypeNode {
  return type.kind === Kind.NON_NULL_TYPE ? type.type : type;
}

export function description(text: string | undefined, block = text?.includes('\n') ?? false): StringValueNode | undefined {
  return text === undefined ? undefined : { kind: Kind.STRING, value: text, block };
}

/** A directive whose arguments are plain values, in the order given; undefined ones are left out. */
export function directive(name: string, args: Readonly<Record<string, unknown>>): ConstDirectiveNode {
  const argumentNodes: ConstArgumentNode[] = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([argName, value]) => ({ kind: Kind.ARGUMENT, name: nameNode(argName), value: astFromValueUntyped(value) as ConstValueNode }));
  return { kind: Kind.DIRECTIVE, name: nameNode(name), arguments: argumentNodes };
}
