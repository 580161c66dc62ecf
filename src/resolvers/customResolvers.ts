import type { Resolvers } from '../generated/resolvers';

/**
 * Hand-written resolvers, typed by GraphQL Code Generator from `schema/` (`npm run codegen`).
 * Fields bound with directives need none; this is for logic directives cannot express.
 */
export const customResolvers: Resolvers = {
  Order: {
    itemCount: (order) => (order.items ?? []).reduce((sum, item) => sum + item.quantity, 0),
  },
};
