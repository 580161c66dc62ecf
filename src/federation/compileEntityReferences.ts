import { getDirective } from '@graphql-tools/utils';
import { isObjectType, Kind, parse, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { compileTypeAccessRule } from '../auth/compileAccessRule';
import type { FieldDirectiveCompiler } from '../connectors/Connector';
import { CONNECTORS } from '../connectors/connectors';
import type { FieldContext } from '../schema/FieldContext';
import type { ProblemList } from '../schema/SchemaProblem';
import type { SourceConfig } from '../schema/SourceConfig';
import type { EntityReferencePlan } from './EntityReference';

/** `@key` as imported, or by its qualified name when the schema does not import it. */
const KEY_DIRECTIVES = ['key', 'federation__key'];

/** Connector directives that may be declared on a type, as its reference resolver. */
const REFERENCE_DIRECTIVES: ReadonlyMap<string, FieldDirectiveCompiler> = new Map(
  Object.entries(CONNECTORS.find((connector) => connector.kind === 'rest')?.fieldDirectives ?? {}),
);

/**
 * Compiles every entity type's reference resolver: `type Customer @key(fields: "id") @rest(…{key.id}…)`
 * is compiled as a `@rest` field of the type returning the type, whose parent is the
 * representation, so N representations batch into one call as N parents do. Records a problem
 * for a reference resolver on a type without a resolvable `@key`, or reading what no key has.
 */
export function compileEntityReferences(
  schema: GraphQLSchema,
  sources: ReadonlyMap<string, SourceConfig | undefined>,
  problems: ProblemList,
  resolvedFields: ReadonlySet<string>,
): ReadonlyMap<string, EntityReferencePlan> {
  const references = new Map<string, EntityReferencePlan>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const keys = KEY_DIRECTIVES.flatMap((name) => getDirective(schema, type, name) ?? []).filter((key) => key['resolvable'] !== false);
    const declared = [...REFERENCE_DIRECTIVES.keys()].filter((name) => (getDirective(schema, type, name)?.length ?? 0) > 0);
    const coordinate = `${type.name}.__resolveReference`;
    if (keys.length === 0) {
      for (const name of declared) {
        problems.add(type.name, `@${name} on a type is its reference resolver for federation: the type needs a resolvable @key`);
      }
      continue;
    }
    const referenceKeys = new Set(keys.flatMap((key) => topLevelFields(String(key['fields']))));
    const context: FieldContext = {
      schema,
      type,
      field: referenceField(type),
      coordinate,
      isRootType: false,
      sources,
      problems,
      resolvedFields,
      referenceKeys,
    };
    const [name] = declared;
    const args = name === undefined ? undefined : getDirective(schema, type, name)?.[0];
    if (args?.['body'] !== undefined && args['body'] !== null) {
      problems.add(coordinate, `@${name} body is not available to a reference resolver; send the key in the path or query`);
    }
    const resolver = name === undefined || args === undefined ? undefined : REFERENCE_DIRECTIVES.get(name)?.(context, args);
    references.set(type.name, {
      typeName: type.name,
      rule: compileTypeAccessRule(schema, context, type),
      resolver,
      source: typeof args?.['source'] === 'string' ? args['source'] : undefined,
    });
  }
  return references;
}

/** A reference resolver on a type of a schema that is not a subgraph would never run: a problem at the type. */
export function refuseReferencesOutsideSubgraph(schema: GraphQLSchema, problems: ProblemList): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const name of REFERENCE_DIRECTIVES.keys()) {
      if ((getDirective(schema, type, name)?.length ?? 0) === 0) continue;
      problems.add(
        type.name,
        `@${name} on a type is an entity's reference resolver: the schema must link the federation spec (extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])) and the type needs @key`,
      );
    }
  }
}

/** `id organization { id }` → `id`, `organization`. */
function topLevelFields(fields: string): string[] {
  try {
    const [operation] = parse(`{ ${fields} }`).definitions;
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  } catch {
    // Apollo's subgraph validation has reported it already.
    return [];
  }
}

/** The reference resolver seen as a field: it returns the type, reads no arguments, and has no directives of its own. */
function referenceField(type: GraphQLObjectType): GraphQLField<unknown, unknown> {
  return {
    name: '__resolveReference',
    description: undefined,
    type,
    args: [],
    resolve: undefined,
    subscribe: undefined,
    deprecationReason: undefined,
    extensions: {},
    astNode: undefined,
  };
}
