import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  print,
  visit,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { BadUserInputError } from '../../errors/BadUserInputError';

/** The part of a client's operation sent upstream for one delegated field. */
export interface UpstreamSelection {
  /** Undefined when the field's type is a leaf. */
  readonly selectionSet: SelectionSetNode | undefined;
  /** Names of the client's variables the selection uses; their values are sent along. */
  readonly variables: readonly string[];
}

export interface UpstreamSelectionInput {
  readonly schema: GraphQLSchema;
  readonly fieldNodes: readonly FieldNode[];
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly returnType: GraphQLNamedType;
  /** `Type.field` coordinates the gateway resolves itself: not sent upstream. */
  readonly localFields: ReadonlySet<string>;
  readonly coordinate: string;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * What the client selected under a delegated field, as a selection for the upstream. Pure.
 *
 * - Fragment spreads become inline fragments (the upstream document has no fragment definitions).
 * - Aliases are dropped: the gateway reads an upstream value by field name and writes it under the
 *   client's alias itself. The same field selected twice with different arguments cannot be told
 *   apart that way and is refused with BAD_USER_INPUT.
 * - Only `@skip`/`@include` are passed on, with the variables they read.
 * - Fields the gateway resolves itself (another directive) are not sent; the scalar fields of their
 *   parent are, so that the local field's `{parent.…}` templates have values to read.
 * - `__typename` is asked for where the type is abstract, so the gateway can tell the member.
 */
export function upstreamSelection(input: UpstreamSelectionInput): UpstreamSelection {
  const { returnType } = input;
  if (!isCompositeType(returnType)) return { selectionSet: undefined, variables: [] };
  const selections = input.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const selectionSet = convertSet(input, selections, returnType);
  const variables = new Set<string>();
  visit(selectionSet, {
    Variable(node) {
      variables.add(node.name.value);
    },
  });
  return { selectionSet, variables: [...variables] };
}

function convertSet(input: UpstreamSelectionInput, selections: readonly SelectionNode[], type: GraphQLCompositeType): SelectionSetNode {
  const out: SelectionNode[] = [];
  const argumentsByField = new Map<string, string>();
  let needsParentScalars = false;
  const walk = (nodes: readonly SelectionNode[], parent: GraphQLCompositeType): SelectionNode[] => {
    const converted: SelectionNode[] = [];
    for (const node of nodes) {
      if (node.kind === Kind.FIELD) {
        const name = node.name.value;
        if (name === '__typename') continue;
        if (input.localFields.has(`${parent.name}.${name}`)) {
          needsParentScalars = true;
          continue;
        }
        const printedArguments = (node.arguments ?? []).map((argument) => print(argument)).join(', ');
        const key = `${parent.name}.${name}`;
        const seen = argumentsByField.get(key);
        if (seen !== undefined && seen !== printedArguments) {
          throw new BadUserInputError(
            `${input.coordinate}: ${key} is selected twice with different arguments; a field served by a GraphQL source can be selected once per object`,
          );
        }
        argumentsByField.set(key, printedArguments);
        const fieldType = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        const named = fieldType && getNamedType(fieldType.type);
        converted.push({
          kind: Kind.FIELD,
          name: node.name,
          ...(node.arguments && node.arguments.length > 0 ? { arguments: node.arguments } : {}),
          ...passedDirectives(node.directives),
          ...(node.selectionSet && named && isCompositeType(named)
            ? { selectionSet: convertSet(input, node.selectionSet.selections, named) }
            : {}),
        });
      } else {
        const fragment = node.kind === Kind.FRAGMENT_SPREAD ? input.fragments[node.name.value] : undefined;
        if (node.kind === Kind.FRAGMENT_SPREAD && fragment === undefined) continue;
        const condition = node.kind === Kind.FRAGMENT_SPREAD ? fragment?.typeCondition : node.typeCondition;
        const conditionType = condition ? input.schema.getType(condition.name.value) : parent;
        const inner = node.kind === Kind.FRAGMENT_SPREAD ? (fragment?.selectionSet.selections ?? []) : node.selectionSet.selections;
        if (!conditionType || !isCompositeType(conditionType)) continue;
        // A fragment on the type itself merges into the selection; one on another type stays a fragment.
        if (conditionType === parent && passedDirectives(node.directives).directives === undefined) {
          converted.push(...walk(inner, parent));
          continue;
        }
        converted.push({
          kind: Kind.INLINE_FRAGMENT,
          ...(condition ? { typeCondition: condition } : {}),
          ...passedDirectives(node.directives),
          selectionSet: convertSet(input, inner, conditionType),
        });
      }
    }
    return converted;
  };
  out.push(...walk(selections, type));
  if (needsParentScalars && !isAbstractType(type)) {
    const selected = new Set(out.flatMap((node) => (node.kind === Kind.FIELD ? [node.name.value] : [])));
    for (const field of Object.values(type.getFields())) {
      const leaf = isLeafType(getNamedType(field.type)) && field.args.length === 0;
      if (leaf && !selected.has(field.name) && !input.localFields.has(`${type.name}.${field.name}`)) {
        out.push({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: field.name } });
      }
    }
  }
  if (isAbstractType(type) || out.length === 0) out.unshift(TYPENAME);
  return { kind: Kind.SELECTION_SET, selections: out };
}

/** `@skip` and `@include` are the client's to pass on; any other directive is the gateway's. */
function passedDirectives(directives: readonly DirectiveNode[] | undefined): { directives?: readonly DirectiveNode[] } {
  const passed = directives?.filter((directive) => directive.name.value === 'skip' || directive.name.value === 'include') ?? [];
  return passed.length > 0 ? { directives: passed } : {};
}
