import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  typeFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** `Type.field` → the source whose answer the field's value is (for fields bound to an upstream). */
export type UpstreamFields = ReadonlyMap<string, string>;

/**
 * For each response path of an operation (keys joined by `.`, list indexes left out), the source
 * whose answer holds the value there: a field bound to an upstream answers from its own source;
 * any other field (a plain property, a mapping) reads its parent's data, so from the parent's
 * source. Root fields without a binding have none. Computed once per operation, so an error at a
 * path can be traced to the upstream that sent the value.
 */
export function responsePathSources(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  upstreamFields: UpstreamFields,
): ReadonlyMap<string, string> {
  const sources = new Map<string, string>();
  const root = schema.getRootType(operation.operation);
  if (!root || upstreamFields.size === 0) return sources;

  const walk = (
    parent: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    prefix: string,
    parentSource: string | undefined,
    seen: ReadonlySet<string>,
  ): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const key = `${prefix}${selection.alias?.value ?? name}`;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        const source = upstreamSourceOf(schema, parent, name, upstreamFields) ?? parentSource;
        if (source !== undefined && !sources.has(key)) sources.set(key, source);
        const type = field === undefined ? undefined : getNamedType(field.type);
        if (selection.selectionSet && type !== undefined && isCompositeType(type))
          walk(type, selection.selectionSet, `${key}.`, source, seen);
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (fragment === undefined) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (seen.has(selection.name.value)) continue;
      }
      const condition = fragment.typeCondition ? typeFromAST(schema, fragment.typeCondition) : parent;
      const next = condition !== undefined && isCompositeType(condition) ? condition : parent;
      const nextSeen = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
      walk(next, fragment.selectionSet, prefix, parentSource, nextSeen);
    }
  };
  walk(root, operation.selectionSet, '', undefined, new Set());
  return sources;
}

/** The source of `parent.name`, or of that field on any type implementing or belonging to `parent`. */
function upstreamSourceOf(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
  upstreamFields: UpstreamFields,
): string | undefined {
  const own = upstreamFields.get(`${parent.name}.${name}`);
  if (own !== undefined || isObjectType(parent)) return own;
  for (const type of schema.getPossibleTypes(parent)) {
    const found = upstreamFields.get(`${type.name}.${name}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The key `responsePathSources` uses for an error's path: response keys only, list indexes left out. */
export function responsePathKey(path: readonly (string | number)[]): string {
  return path.filter((key): key is string => typeof key === 'string').join('.');
}
