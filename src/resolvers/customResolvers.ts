import type { Resolvers } from '../generated/resolvers';

/**
 * Hand-written resolvers, typed by GraphQL Code Generator from `schema/` (`npm run codegen`).
 * Fields bound with directives need none; this is for orchestration directives cannot express.
 */
export const customResolvers: Resolvers = {};
