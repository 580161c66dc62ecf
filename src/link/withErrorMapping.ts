import { toGraphQLError } from '../errors/toGraphQLError';
import type { ManyResolver } from '../execution/createLoadingResolver';
import type { FieldResolver } from '../execution/FieldResolver';

/** Every compiled resolver throws GraphQL errors with `extensions.code`, whatever failed inside. */
export function withErrorMapping(resolve: FieldResolver): FieldResolver {
  return (parent, args, context, info) => {
    try {
      const result = resolve(parent, args, context, info);
      return result instanceof Promise
        ? result.catch((error: unknown) => {
            throw toGraphQLError(error);
          })
        : result;
    } catch (error) {
      throw toGraphQLError(error);
    }
  };
}

/** The same mapping for a many-parents resolver: each failed slot becomes a coded GraphQL error. */
export function withManyErrorMapping(resolveMany: ManyResolver): ManyResolver {
  return (parents, args, context) =>
    resolveMany(parents, args, context).then(
      (results) => results.map((result) => (result instanceof Error ? toGraphQLError(result) : result)),
      (error: unknown) => {
        throw toGraphQLError(error);
      },
    );
}
