import { responsePathAsArray, type GraphQLError } from 'graphql';
import type { AccessDeniedError } from '../errors/AccessDeniedError';
import { BadUserInputError } from '../errors/BadUserInputError';
import { accessDeniedError } from '../auth/accessDeniedError';
import { checkAccess } from '../auth/checkAccess';
import { toGraphQLError } from '../errors/toGraphQLError';
import { UpstreamBadResponseError } from '../errors/UpstreamBadResponseError';
import type { RequestContext } from '../execution/RequestContext';
import type { FieldResolver } from '../execution/FieldResolver';
import { isRecord } from '../schema/readArgs';
import type { EntityReference } from './EntityReference';

/** The representations of one entity type, and where their entities go in the answer. */
interface TypeGroup {
  readonly reference: EntityReference;
  readonly indexes: number[];
  readonly representations: Record<string, unknown>[];
}

/**
 * The resolver of `Query._entities(representations:)` (Apollo Federation's subgraph spec): one
 * entity per representation, in order. Representations are grouped by `__typename`; each type's
 * access rule is checked first (a denied entity is `null` with its error, nothing is loaded for
 * it), then its reference resolver loads the rest of the group at once, so N representations of
 * a type with a `batchKey` make one upstream call. An entity not found is `null`.
 */
export function createEntitiesResolver(references: ReadonlyMap<string, EntityReference>): FieldResolver {
  return async (_parent, args, context, info) => {
    const representations: unknown = args['representations'];
    if (!Array.isArray(representations)) return [];
    const results: unknown[] = new Array(representations.length);
    const groups = new Map<string, TypeGroup>();
    const path = responsePathAsArray(info.path).join('.');
    representations.forEach((representation: unknown, index) => {
      const typeName = isRecord(representation) ? representation['__typename'] : undefined;
      const reference = typeof typeName === 'string' ? references.get(typeName) : undefined;
      if (!isRecord(representation) || reference === undefined) {
        results[index] = badRepresentation(typeName);
        return;
      }
      const denied = deniedEntity(reference, representation, context);
      if (denied) {
        context.audit.deny(`${path}.${index}`);
        results[index] = toGraphQLError(denied);
        return;
      }
      let group = groups.get(reference.typeName);
      if (group === undefined) groups.set(reference.typeName, (group = { reference, indexes: [], representations: [] }));
      group.indexes.push(index);
      group.representations.push(representation);
    });
    await Promise.all([...groups.values()].map((group) => loadGroup(group, results, context)));
    return results;
  };
}

async function loadGroup(group: TypeGroup, results: unknown[], context: RequestContext): Promise<void> {
  const { reference, indexes, representations } = group;
  const loaded = reference.resolveMany ? await reference.resolveMany(representations, {}, context) : representations;
  loaded.forEach((value, position) => {
    const index = indexes[position] as number;
    results[index] = toEntity(reference, representations[position] as Record<string, unknown>, value);
  });
}

/**
 * The loaded object, with the representation's fields beneath it (what `@requires` sent) and the
 * type name `_Entity` resolves by.
 */
function toEntity(reference: EntityReference, representation: Record<string, unknown>, value: unknown): unknown {
  if (value instanceof Error || value === null || value === undefined) return value ?? null;
  if (!isRecord(value)) {
    return toGraphQLError(
      new UpstreamBadResponseError(reference.source ?? '', `${reference.typeName}'s reference resolver did not answer an object`),
    );
  }
  return { ...representation, ...value, __typename: reference.typeName };
}

function deniedEntity(
  reference: EntityReference,
  representation: Record<string, unknown>,
  context: RequestContext,
): AccessDeniedError | undefined {
  if (reference.rule === undefined) return undefined;
  const decision = checkAccess(reference.rule, context.caller, { parent: representation, claims: context.caller.claims });
  return decision.allowed ? undefined : accessDeniedError(reference.rule, decision);
}

function badRepresentation(typeName: unknown): GraphQLError {
  const what =
    typeof typeName === 'string' ? `"${typeName}" is not an entity this subgraph resolves` : 'a representation needs a __typename';
  return toGraphQLError(new BadUserInputError(`_entities: ${what}`));
}
