import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { ConnectorRuntime } from '../connectors/Connector';
import type { FieldResolver } from '../schema/FieldResolver';
import type { ProblemList } from '../schema/SchemaProblem';
import type { SourceConfig } from '../schema/SourceConfig';
import { compileEntityReferences } from './compileEntityReferences';
import { createEntitiesResolver } from './createEntitiesResolver';

/** The subgraph's own root fields, as compiled resolvers. */
export interface SubgraphFields {
  /** `Query._service` and, with entities, `Query._entities`. */
  readonly resolvers: ReadonlyMap<string, FieldResolver>;
  /** `Query._entities` when an entity type is protected: its responses are private. */
  readonly protectedFields: readonly string[];
}

/** The union of a subgraph's entity types, which `_entities` returns. */
export const ENTITY_UNION = '_Entity';

/** `_Entity` members are told apart by the `__typename` that `_entities` sets on each entity. */
export const entityTypeResolver: IResolvers = {
  [ENTITY_UNION]: {
    __resolveType: (entity: { __typename?: unknown }) => (typeof entity.__typename === 'string' ? entity.__typename : undefined),
  },
};

/**
 * Compiles the fields Apollo Federation's subgraph spec adds to the query type: `_service { sdl }`
 * answers the SDL a supergraph composes, `_entities` loads entities by their reference resolvers.
 */
export function compileSubgraphFields(
  schema: GraphQLSchema,
  sdl: string,
  sources: ReadonlyMap<string, SourceConfig | undefined>,
  problems: ProblemList,
  runtime: ConnectorRuntime,
): SubgraphFields {
  const queryType = schema.getQueryType()?.name ?? 'Query';
  const service = Object.freeze({ sdl });
  const resolvers = new Map<string, FieldResolver>([[`${queryType}._service`, () => service]]);
  const references = compileEntityReferences(schema, sources, problems, runtime);
  if (references.size === 0) return { resolvers, protectedFields: [] };
  resolvers.set(`${queryType}._entities`, createEntitiesResolver(references));
  const guarded = [...references.values()].some((reference) => reference.rule !== undefined);
  return { resolvers, protectedFields: guarded ? [`${queryType}._entities`] : [] };
}
