import { directiveTypeDefs } from './directiveTypeDefs';

/**
 * The directive definitions, for GraphQL Code Generator (codegen.yml), which reads this module's
 * `typeDefs` export next to `schema/*.graphql`.
 */
export const typeDefs = directiveTypeDefs;
