import type { FieldNode, GraphQLField, GraphQLFieldResolver, GraphQLLeafType, GraphQLObjectType, GraphQLOutputType } from 'graphql';
import type { ManyResolver } from '../createLoadingResolver';

/** How a resolved value becomes response data. */
export type Completion = LeafCompletion | ObjectCompletion | ListCompletion;

export interface LeafCompletion {
  readonly kind: 'leaf';
  readonly nonNull: boolean;
  readonly type: GraphQLLeafType;
  /** The type's `serialize`, with inlined fast paths for the built-in scalars. */
  readonly serialize: (value: unknown) => unknown;
}

export interface ObjectCompletion {
  readonly kind: 'object';
  readonly nonNull: boolean;
  readonly type: GraphQLObjectType;
  /** The object's fields, merged from every selection, fragment and inline fragment that applies to its type. */
  readonly fields: readonly FieldPlan[];
  /** Builds the response object from an upstream value at once, when fields are plain copies (see compileProjection). */
  readonly projection: ObjectProjection | undefined;
}

/**
 * Builds a response object from its upstream value: the projectable fields copied, the others
 * `null` placeholders. Undefined when the value needs the generic path.
 */
export type Projection = (source: unknown) => Record<string, unknown> | undefined;

export interface ObjectProjection {
  readonly project: Projection;
  /** Every field is projected: a projected object needs nothing more. */
  readonly complete: boolean;
}

export interface ListCompletion {
  readonly kind: 'list';
  readonly nonNull: boolean;
  readonly item: Completion;
}

/** How a field's arguments are had: the same for every request, or coerced once per request from its variables. */
export type ArgumentsPlan = { readonly kind: 'static'; readonly values: Record<string, unknown> } | { readonly kind: 'variables' };

/** One response key of a selection set, compiled for one object type. */
export interface FieldPlan {
  readonly responseKey: string;
  readonly fieldName: string;
  readonly fieldNodes: readonly FieldNode[];
  readonly parentType: GraphQLObjectType;
  /** Undefined for `__typename`, which is answered from the parent type alone. */
  readonly field: GraphQLField<unknown, unknown> | undefined;
  readonly returnType: GraphQLOutputType;
  /** The field's own resolver; undefined when its value is a property of its parent (no function runs). */
  readonly resolve: GraphQLFieldResolver<unknown, unknown> | undefined;
  /** Resolves every parent at once, preferred when present (upstream fields without access rules). */
  readonly resolveMany: ManyResolver | undefined;
  readonly args: ArgumentsPlan;
  readonly completion: Completion;
  /** Copied by its object's projection (a projected object skips it). */
  readonly projected: boolean;
}
