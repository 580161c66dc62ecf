import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import type { CompiledField } from '../connectors/Connector';
import { manyResolverOf } from '../execution/createLoadingResolver';
import { withManyErrorMapping } from '../link/withErrorMapping';
import type { ProblemList } from '../schema/SchemaProblem';
import type { SourceConfig } from '../schema/SourceConfig';
import { compileEntityReferences } from './compileEntityReferences';
import { createEntitiesResolver } from './createEntitiesResolver';
import type { EntityReference, EntityReferencePlan } from './EntityReference';

/** The subgraph's own root fields, as compiled. */
export interface SubgraphFields {
  /** `Query._service` and, with entities, `Query._entities`. */
  readonly fields: ReadonlyMap<string, CompiledField>;
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
  resolvedFields: ReadonlySet<string>,
): SubgraphFields {
  const queryType = schema.getQueryType()?.name ?? 'Query';
  const service = Object.freeze({ sdl });
  const fields = new Map<string, CompiledField>([[`${queryType}._service`, { plan: service, link: () => () => service }]]);
  const references = compileEntityReferences(schema, sources, problems, resolvedFields);
  const entities = `${queryType}._entities`;
  // Apollo's library declares `_entities` for any @key, resolvable or not.
  if (schema.getQueryType()?.getFields()['_entities'] === undefined) return { fields, protectedFields: [], upstreamFields: new Map() };
  fields.set(entities, { plan: references, link: (runtime) => createEntitiesResolver(linkReferences(references, runtime)) });
  const guarded = [...references.values()].some((reference) => reference.rule !== undefined);
  const called = new Set([...references.values()].map((reference) => reference.source));
  const [source] = called;
  return {
    fields,
    protectedFields: guarded ? [entities] : [],
    upstreamFields: new Map(called.size === 1 && source !== undefined ? [[entities, source]] : []),
  };
}

/** Binds each entity type's reference resolver to the running gateway, in its many-parents form. */
function linkReferences(
  references: ReadonlyMap<string, EntityReferencePlan>,
  runtime: Parameters<CompiledField['link']>[0],
): ReadonlyMap<string, EntityReference> {
  const linked = new Map<string, EntityReference>();
  for (const [typeName, { resolver, ...reference }] of references) {
    const resolveMany = manyResolverOf(resolver?.link(runtime));
    linked.set(typeName, { ...reference, resolveMany: resolveMany && withManyErrorMapping(resolveMany) });
  }
  return linked;
}
