import {
  OperationTypeNode,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CachePolicy } from './OperationPlan';

/** `@cacheControl(maxAge, scope, inheritMaxAge)` as declared on a field or type. */
interface CacheHint {
  readonly maxAge?: number | undefined;
  readonly scope?: 'PUBLIC' | 'PRIVATE' | undefined;
  readonly inheritMaxAge?: boolean | undefined;
}

/** Whether a field is guarded by an access rule: what only some callers may read is private. */
export type IsProtectedField = (typeName: string, fieldName: string) => boolean;

/**
 * The HTTP cache policy of an operation, computed once per plan from the static `@cacheControl`
 * hints of every field the operation can reach, with Apollo's rules
 * (https://www.apollographql.com/docs/apollo-server/performance/caching): a field returning a
 * composite type, and every root field, without a maxAge of its own or of its type gets 0 unless
 * it inherits; the operation's policy is the most restrictive of its fields'. A protected field
 * makes the whole response private. Unlike Apollo's per-resolved-field computation, fields under
 * `@skip`, `@include`, fragments on other types or empty lists count too: the policy can only be
 * stricter, never looser.
 */
export function operationCachePolicy(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  isProtected: IsProtectedField,
): CachePolicy {
  let maxAge: number | undefined;
  let scope: 'PUBLIC' | 'PRIVATE' = 'PUBLIC';
  const restrict = (hint: CacheHint) => {
    if (hint.maxAge !== undefined && (maxAge === undefined || hint.maxAge < maxAge)) maxAge = hint.maxAge;
    if (hint.scope === 'PRIVATE') scope = 'PRIVATE';
  };
  const root = schema.getRootType(operation.operation);
  // Only a query's answer may be reused: a mutation's is the outcome of one write.
  if (!root || operation.operation !== OperationTypeNode.QUERY) return { maxAge: 0, scope };
  const visit = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode, isRoot: boolean, seen: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) visit(type, selection.selectionSet, isRoot, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments[name];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type) && !seen.has(name))
          visit(type, fragment.selectionSet, isRoot, new Set([...seen, name]));
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[name];
      if (!field) continue;
      if (isProtected(parent.name, name)) scope = 'PRIVATE';
      restrict(fieldPolicy(field, isRoot));
      const target = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(target)) visit(target, selection.selectionSet, false, seen);
    }
  };
  visit(root, operation.selectionSet, true, new Set());
  return { maxAge: maxAge ?? undefined, scope };
}

/** One field's policy, as Apollo's cache control plugin computes it when the field resolves. */
function fieldPolicy(field: GraphQLField<unknown, unknown>, isRoot: boolean): CacheHint {
  const policy: { maxAge?: number | undefined; scope?: 'PUBLIC' | 'PRIVATE' | undefined } = {};
  let inheritMaxAge = false;
  const target = getNamedType(field.type);
  if (isCompositeType(target)) {
    const typeHint = hintOf(target);
    Object.assign(policy, definedOnly(typeHint));
    inheritMaxAge = typeHint.inheritMaxAge === true;
  }
  const fieldHint = hintOf(field);
  if (fieldHint.inheritMaxAge === true && policy.maxAge === undefined) {
    inheritMaxAge = true;
    if (fieldHint.scope !== undefined) policy.scope = fieldHint.scope;
  } else {
    Object.assign(policy, definedOnly(fieldHint));
  }
  if (policy.maxAge === undefined && ((isCompositeType(target) && !inheritMaxAge) || isRoot)) policy.maxAge = 0;
  return policy;
}

function definedOnly(hint: CacheHint): CacheHint {
  return {
    ...(hint.maxAge !== undefined ? { maxAge: hint.maxAge } : {}),
    ...(hint.scope !== undefined ? { scope: hint.scope } : {}),
  };
}

/** The `@cacheControl` hint on a field's or type's definition (or a type's extensions). */
function hintOf(element: GraphQLField<unknown, unknown> | GraphQLNamedType): CacheHint {
  const nodes = 'extensionASTNodes' in element ? [element.astNode, ...element.extensionASTNodes] : [element.astNode];
  const directive = nodes
    .flatMap((node) => (node && 'directives' in node ? (node.directives ?? []) : []))
    .find((candidate: ConstDirectiveNode) => candidate.name.value === 'cacheControl');
  if (!directive) return {};
  const hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE'; inheritMaxAge?: boolean } = {};
  for (const argument of directive.arguments ?? []) {
    const value: unknown = valueFromASTUntyped(argument.value);
    if (argument.name.value === 'maxAge' && typeof value === 'number') hint.maxAge = value;
    if (argument.name.value === 'scope' && (value === 'PUBLIC' || value === 'PRIVATE')) hint.scope = value;
    if (argument.name.value === 'inheritMaxAge' && value === true) hint.inheritMaxAge = true;
  }
  return hint;
}
