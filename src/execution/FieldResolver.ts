import type { RequestContext } from './RequestContext';
import type { GraphQLResolveInfo } from 'graphql';

/** The resolver shape every compiled directive produces. */
export type FieldResolver = (parent: unknown, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) => unknown;
