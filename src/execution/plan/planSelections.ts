import {
  OperationTypeNode,
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  TypeNameMetaFieldDef,
  typeFromAST,
  visit,
  BREAK,
  type ASTNode,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import '../fieldExtensions';
import { compileProjection, isProjectable } from './compileProjection';
import { leafSerializer } from './leafSerializer';
import type { ArgumentsPlan, Completion, FieldPlan, ObjectCompletion } from './SelectionPlan';

/**
 * Compiles a query's selections into a tree of field plans, one per response key and object
 * type: fragments are inlined, fields merged, `@skip`/`@include` applied (with `conditions`, the
 * values of the variables they read), leaf serializers and static arguments chosen, once. Answers
 * undefined for what this plan shape does not cover, which the caller then executes another way:
 * mutations and subscriptions (serial and streamed execution), introspection, abstract types and
 * types with `isTypeOf`. Throws graphql-js's error for a `@skip`/`@include` condition that is null.
 */
export function planSelections(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  conditions: Readonly<Record<string, unknown>> | 'include-all' = {},
): ObjectCompletion | undefined {
  if (operation.operation !== OperationTypeNode.QUERY) return undefined;
  const root = schema.getQueryType();
  if (!root || root.isTypeOf) return undefined;
  try {
    // The root value is no upstream object: nothing to project.
    const fields = planFields({ schema, fragments, conditions }, root, [operation.selectionSet]);
    return { kind: 'object', nonNull: false, type: root, fields, projection: undefined };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/**
 * The `@skip`/`@include` directives of an operation (and the fragments it uses) whose condition is
 * a variable: a plan is chosen per combination of their values.
 */
export function variableConditions(
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): SelectionNode[] {
  const found: SelectionNode[] = [];
  for (const definition of [operation, ...Object.values(fragments)]) {
    visit(definition, {
      enter(node) {
        if (
          (node.kind === Kind.FIELD || node.kind === Kind.INLINE_FRAGMENT || node.kind === Kind.FRAGMENT_SPREAD) &&
          readsVariable(node.directives)
        ) {
          found.push(node);
        }
      },
    });
  }
  return found;
}

/** graphql-js's `shouldIncludeNode`: skipped when `@skip(if: true)`, or `@include(if: false)`. */
export function isIncluded(node: SelectionNode, variables: Readonly<Record<string, unknown>>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] === false) return false;
  return true;
}

function readsVariable(directives: readonly DirectiveNode[] | undefined): boolean {
  return (directives ?? []).some(
    (directive) => (directive.name.value === 'skip' || directive.name.value === 'include') && usesVariables(directive.arguments ?? []),
  );
}

interface Planning {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** The variables `@skip`/`@include` read; `include-all` plans every selection (to learn whether any variant can be planned). */
  readonly conditions: Readonly<Record<string, unknown>> | 'include-all';
}

class Unsupported extends Error {}

function planFields(planning: Planning, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): FieldPlan[] {
  const grouped = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const selectionSet of selectionSets) collectFields(planning, type, selectionSet, grouped, visited);
  const plans: FieldPlan[] = [];
  for (const [responseKey, fieldNodes] of grouped) {
    const [node] = fieldNodes as [FieldNode, ...FieldNode[]];
    const fieldName = node.name.value;
    if (fieldName === '__typename') {
      plans.push(typenamePlan(type, responseKey, fieldNodes));
      continue;
    }
    const field = type.getFields()[fieldName];
    if (!field) throw new Unsupported(`${type.name}.${fieldName}`);
    const subSelections = fieldNodes.flatMap((fieldNode) => (fieldNode.selectionSet ? [fieldNode.selectionSet] : []));
    plans.push({
      responseKey,
      fieldName,
      fieldNodes,
      parentType: type,
      field,
      returnType: field.type,
      resolve: field.resolve,
      resolveMany: field.extensions.resolveMany,
      args: planArguments(field, node),
      completion: planCompletion(planning, field.type, subSelections),
      projected: false,
    });
  }
  return plans;
}

function typenamePlan(type: GraphQLObjectType, responseKey: string, fieldNodes: readonly FieldNode[]): FieldPlan {
  const leaf = getNullableType(TypeNameMetaFieldDef.type);
  if (!isLeafType(leaf)) throw new Unsupported('__typename');
  return {
    responseKey,
    fieldName: '__typename',
    fieldNodes,
    parentType: type,
    field: undefined,
    returnType: TypeNameMetaFieldDef.type,
    resolve: undefined,
    resolveMany: undefined,
    args: { kind: 'static', values: {} },
    completion: { kind: 'leaf', nonNull: true, type: leaf, serialize: leafSerializer(leaf) },
    projected: false,
  };
}

function planCompletion(planning: Planning, type: GraphQLOutputType, selectionSets: readonly SelectionSetNode[]): Completion {
  const nonNull = isNonNullType(type);
  const nullable = getNullableType(type);
  if (isListType(nullable)) return { kind: 'list', nonNull, item: planCompletion(planning, nullable.ofType, selectionSets) };
  if (isLeafType(nullable)) return { kind: 'leaf', nonNull, type: nullable, serialize: leafSerializer(nullable) };
  if (isAbstractType(nullable) || nullable.isTypeOf) throw new Unsupported(nullable.name);
  return objectCompletion(nonNull, nullable, planFields(planning, nullable, selectionSets));
}

/** An object's completion, with the projection of its plain fields when it has any. */
function objectCompletion(nonNull: boolean, type: GraphQLObjectType, fields: readonly FieldPlan[]): ObjectCompletion {
  const project = compileProjection(fields);
  if (project === undefined) return { kind: 'object', nonNull, type, fields, projection: undefined };
  const planned = fields.map((field) => ({ ...field, projected: isProjectable(field) }));
  return { kind: 'object', nonNull, type, fields: planned, projection: { project, complete: planned.every((field) => field.projected) } };
}

/** Arguments without variables are coerced once, here; the others once per request. */
function planArguments(field: Parameters<typeof getArgumentValues>[0], node: FieldNode): ArgumentsPlan {
  if (usesVariables(node.arguments ?? [])) return { kind: 'variables' };
  return { kind: 'static', values: getArgumentValues(field, node, {}) };
}

function usesVariables(nodes: readonly ASTNode[]): boolean {
  let found = false;
  for (const node of nodes) {
    visit(node, {
      Variable() {
        found = true;
        return BREAK;
      },
    });
    if (found) return true;
  }
  return false;
}

/** graphql-js's field collection, for one object type, with `@skip`/`@include` decided here. */
function collectFields(
  planning: Planning,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  grouped: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  const { schema, fragments } = planning;
  for (const selection of selectionSet.selections) {
    if (planning.conditions !== 'include-all' && !isIncluded(selection, planning.conditions)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') throw new Unsupported(name);
        const key = selection.alias?.value ?? name;
        const existing = grouped.get(key);
        if (existing) existing.push(selection);
        else grouped.set(key, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (selection.typeCondition && !appliesTo(schema, selection.typeCondition.name.value, type)) continue;
        collectFields(planning, type, selection.selectionSet, grouped, visited);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments[name];
        if (!fragment || !appliesTo(schema, fragment.typeCondition.name.value, type)) continue;
        collectFields(planning, type, fragment.selectionSet, grouped, visited);
        break;
      }
    }
  }
}

function appliesTo(schema: GraphQLSchema, conditionName: string, type: GraphQLObjectType): boolean {
  const condition = typeFromAST(schema, { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: conditionName } });
  if (!condition) return false;
  if (condition === type) return true;
  return isAbstractType(condition) && schema.isSubType(condition, type);
}
