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
  /** `Query._entities` → source, when every reference resolver calls the same one (values that do not fit name it). */
  readonly upstreamFields: ReadonlyMap<string, string>;
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
  const entities = `${queryType}._entities`;
  // Apollo's library declares `_entities` for any @key, resolvable or not.
  if (schema.getQueryType()?.getFields()['_entities'] === undefined) return { resolvers, protectedFields: [], upstreamFields: new Map() };
  resolvers.set(entities, createEntitiesResolver(references));
  const guarded = [...references.values()].some((reference) => reference.rule !== undefined);
  const called = new Set([...references.values()].map((reference) => reference.source));
  const [source] = called;
  return {
    resolvers,
    protectedFields: guarded ? [entities] : [],
    upstreamFields: new Map(called.size === 1 && source !== undefined ? [[entities, source]] : []),
  };
}
