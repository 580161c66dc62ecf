import type { ManyResolver } from './createLoadingResolver';

declare module 'graphql' {
  interface GraphQLFieldExtensions<_TSource, _TContext, _TArgs> {
    /**
     * Resolves the field for every parent of a list at once (set by `compileSchema` on fields
     * bound to an upstream and guarded by no access rule); the compiled executor prefers it.
     */
    resolveMany?: ManyResolver;
  }
}

export {};
