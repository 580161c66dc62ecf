import { toGraphQLError } from '../errors/toGraphQLError';
import type { FieldResolver } from './FieldResolver';

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
