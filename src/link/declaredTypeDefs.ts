import { makeExecutableSchema } from '@graphql-tools/schema';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { declareSubgraph, type SubgraphDeclaration } from '../federation/declareSubgraph';
import { findFederationLink } from '../federation/findFederationLink';
import { directiveTypeDefs } from './directiveTypeDefs';
import { ProblemList } from '../schema/SchemaProblem';

export interface DeclaredTypeDefs {
  /** What the declared schema is built from. */
  readonly typeDefs: readonly (string | DocumentNode)[];
  /** Set when the schema links the federation spec and is served as a subgraph. */
  readonly subgraph: SubgraphDeclaration | undefined;
}

/**
 * A schema folder's SDL with the definitions it relies on: Tributary's directives, and for a
 * schema that links Apollo Federation 2, the federation definitions (docs/federation.md).
 * Undefined, with the problems recorded, when the subgraph is not valid.
 */
export function declaredTypeDefs(typeDefs: readonly (string | DocumentNode)[], problems: ProblemList): DeclaredTypeDefs | undefined {
  if (!findFederationLink(typeDefs)) return { typeDefs: [directiveTypeDefs, ...typeDefs], subgraph: undefined };
  const subgraph = declareSubgraph(directiveTypeDefs, typeDefs, problems);
  return subgraph && { typeDefs: [subgraph.typeDefs], subgraph };
}

/** The declared schema of a folder's SDL, without resolvers (for checks); throws a `SchemaCompileError` for an invalid subgraph. */
export function declaredSchemaOf(typeDefs: readonly (string | DocumentNode)[]): GraphQLSchema {
  const problems = new ProblemList();
  const declared = declaredTypeDefs(typeDefs, problems);
  problems.throwIfAny();
  return makeExecutableSchema({ typeDefs: [...(declared?.typeDefs ?? [])] });
}
