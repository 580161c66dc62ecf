import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLError, Kind, parse, visit, type DocumentNode } from 'graphql';
import type { ProblemList } from '../schema/SchemaProblem';

/** What a schema that links the federation spec declares, besides its own types. */
export interface SubgraphDeclaration {
  /** The schema with the federation definitions (`@key`, `_Any`, `_Entity`, `Query._entities`, `Query._service`) added. */
  readonly typeDefs: DocumentNode;
  /** What `_service { sdl }` answers: the subgraph's SDL without Tributary's own directives. */
  readonly sdl: string;
}

/**
 * Builds a subgraph with Apollo's own library (`@apollo/subgraph`), so the federation
 * definitions and validation (a `@key` on a missing field, a directive not imported) are exactly
 * Apollo's. Tributary's directives (`directiveTypeDefs`) configure this gateway alone: they are
 * declared for the build and kept out of the SDL a supergraph composes. Undefined, with every
 * problem recorded, when the subgraph is not valid.
 */
export function declareSubgraph(
  directiveTypeDefs: string,
  typeDefs: readonly (string | DocumentNode)[],
  problems: ProblemList,
): SubgraphDeclaration | undefined {
  const documents = typeDefs.map((typeDef) => (typeof typeDef === 'string' ? parse(typeDef) : typeDef));
  const ownDirectives = directiveNames(parse(directiveTypeDefs));
  try {
    const declared = buildSubgraphSchema([parse(directiveTypeDefs), ...documents].map((document) => ({ typeDefs: document })));
    const served = buildSubgraphSchema(documents.map((document) => ({ typeDefs: withoutDirectives(document, ownDirectives) })));
    return { typeDefs: parse(printSchemaWithDirectives(declared)), sdl: printSubgraphSchema(served) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const causes = (error as GraphQLError & { causes?: unknown }).causes;
    for (const cause of Array.isArray(causes) ? causes : [error]) {
      problems.add('@link(federation)', firstLine(cause instanceof Error ? cause.message : String(cause)));
    }
    return undefined;
  }
}

function directiveNames(document: DocumentNode): ReadonlySet<string> {
  return new Set(
    document.definitions.flatMap((definition) => (definition.kind === Kind.DIRECTIVE_DEFINITION ? [definition.name.value] : [])),
  );
}

/** The document without the uses of these directives (a schema extension left with none goes too). */
function withoutDirectives(document: DocumentNode, names: ReadonlySet<string>): DocumentNode {
  const stripped = visit(document, { Directive: (node) => (names.has(node.name.value) ? null : undefined) });
  return {
    ...stripped,
    definitions: stripped.definitions.filter(
      (definition) =>
        definition.kind !== Kind.SCHEMA_EXTENSION ||
        (definition.directives?.length ?? 0) > 0 ||
        (definition.operationTypes?.length ?? 0) > 0,
    ),
  };
}

/** The first line of Apollo's message, without the name of the subgraph (which has none here). */
function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/^\[<unnamed>\] /, '');
}
