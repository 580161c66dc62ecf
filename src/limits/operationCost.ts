import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * What an operation costs a caller's rate limit: 1 per scalar field, 2 per object field, fragments
 * expanded, introspection free. The same shape of model graphql-armor's cost limit uses, so what
 * is cheap to run is cheap to call. Pure; at least 1.
 */
export function operationCost(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 1;

  const costOf = (selectionSet: SelectionSetNode, visiting: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        cost += selection.selectionSet ? 2 + costOf(selection.selectionSet, visiting) : 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += costOf(selection.selectionSet, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !visiting.has(fragment.name.value))
          cost += costOf(fragment.selectionSet, new Set([...visiting, fragment.name.value]));
      }
    }
    return cost;
  };
  return Math.max(1, costOf(operation.selectionSet, new Set()));
}
