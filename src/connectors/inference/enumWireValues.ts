import type { GraphQLEnumType } from 'graphql';

/**
 * The strings a model is asked to answer for an enum, mapped to the GraphQL value names they stand
 * for: `ORDER_TRACKING` is offered as `order_tracking` (closer to the words a model writes), unless
 * two names of the enum would then read the same, in which case the names are offered as they are.
 * Pure.
 */
export function enumWireValues(type: GraphQLEnumType): ReadonlyMap<string, string> {
  const names = type.getValues().map((value) => value.name);
  const lower = names.map((name) => name.toLowerCase());
  const wire = new Set(lower).size === names.length ? lower : names;
  return new Map(wire.map((value, index) => [value, names[index] as string]));
}
