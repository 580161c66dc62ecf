import { getDirective } from '@graphql-tools/utils';
import { isNonNullType, type GraphQLSchema, type GraphQLTypeResolver, type GraphQLUnionType } from 'graphql';

interface MemberShape {
  readonly name: string;
  /** Upstream property names of the member's fields (`@map(from:)` where given), and whether each is non-null. */
  readonly keys: readonly { readonly key: string; readonly required: boolean }[];
}

/**
 * Which member of a union an upstream object is, for unions whose upstream sends no `__typename`
 * (an imported OpenAPI `oneOf`): the member whose non-null fields are all present and which shares
 * the most properties with the object; `__typename`, when sent, decides. Built once per union.
 */
export function resolveUnionMember(schema: GraphQLSchema, union: GraphQLUnionType): GraphQLTypeResolver<unknown, unknown> {
  const members: MemberShape[] = union.getTypes().map((type) => ({
    name: type.name,
    keys: Object.values(type.getFields()).map((field) => {
      const from: unknown = getDirective(schema, field, 'map')?.[0]?.['from'];
      return { key: typeof from === 'string' ? (from.split('.')[0] ?? field.name) : field.name, required: isNonNullType(field.type) };
    }),
  }));
  return (value) => {
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    const typename = record['__typename'];
    if (typeof typename === 'string' && members.some((member) => member.name === typename)) return typename;
    let best: { name: string; complete: boolean; shared: number } | undefined;
    for (const member of members) {
      const complete = member.keys.every(({ key, required }) => !required || (record[key] !== undefined && record[key] !== null));
      const shared = member.keys.filter(({ key }) => key in record).length;
      if (!best || (complete && !best.complete) || (complete === best.complete && shared > best.shared))
        best = { name: member.name, complete, shared };
    }
    return best?.name;
  };
}
