import { getDirective } from '@graphql-tools/utils';
import { getNamedType, getNullableType, isListType, isObjectType, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import { declaredSchemaOf } from '../link/declaredTypeDefs';
import type { SchemaProblem } from '../schema/SchemaProblem';

export interface LintInput {
  readonly typeDefs: readonly (string | DocumentNode)[];
  /** Declared source names. */
  readonly sources: Iterable<string>;
  /** `Type.field` → source, for the fields bound to an upstream. */
  readonly upstreamFields: ReadonlyMap<string, string>;
  /** Fields guarded by an access rule. */
  readonly protectedFields: ReadonlySet<string>;
}

/** Field directives whose batching argument makes one call for many parents. */
const BATCH_ARGUMENT: Readonly<Record<string, string>> = { rest: 'batchKey', soap: 'batch' };

/**
 * Warnings about a schema that compiles but will hurt in production: an upstream call per parent
 * under a list (N+1), a source nothing uses, and cache hints that contradict each other or the
 * field's access rule.
 */
export function schemaLints(input: LintInput): SchemaProblem[] {
  const schema = declaredSchemaOf(input.typeDefs);
  return [
    ...perParentCalls(schema, input.upstreamFields),
    ...unusedSources(input),
    ...conflictingCacheHints(schema, input.protectedFields),
  ];
}

/** Object types that are items of some list field: their fields run once per item. */
function listItemTypes(schema: GraphQLSchema): Set<string> {
  const items = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListType(getNullableType(field.type))) items.add(getNamedType(field.type).name);
    }
  }
  return items;
}

function perParentCalls(schema: GraphQLSchema, upstreamFields: ReadonlyMap<string, string>): SchemaProblem[] {
  const items = listItemTypes(schema);
  const warnings: SchemaProblem[] = [];
  for (const coordinate of upstreamFields.keys()) {
    const [typeName = '', fieldName = ''] = coordinate.split('.');
    const type = schema.getType(typeName);
    if (!isObjectType(type) || !items.has(typeName)) continue;
    const field = type.getFields()[fieldName];
    if (field === undefined || !readsParent(schema, field)) continue;
    const batched = Object.entries(BATCH_ARGUMENT).some(
      ([directive, argument]) => getDirective(schema, field, directive)?.[0]?.[argument] !== undefined,
    );
    if (batched) continue;
    warnings.push({
      coordinate,
      message: `${typeName} is a list item and this call reads {parent.…} with no batching: N items make N upstream calls (identical ones are shared); batch it (@rest batchKey, @soap batch) if the upstream can answer many keys at once`,
    });
  }
  return warnings;
}

/** Whether a field's upstream call depends on its parent (so differs per item). */
function readsParent(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): boolean {
  // @embedding and @similarity batch their inputs into one call by themselves.
  for (const name of ['rest', 'soap', 'inference']) {
    const args = getDirective(schema, field, name)?.[0];
    if (args !== undefined && JSON.stringify(args).includes('{parent.')) return true;
  }
  return false;
}

function unusedSources(input: LintInput): SchemaProblem[] {
  const used = new Set(input.upstreamFields.values());
  return [...input.sources]
    .filter((name) => !used.has(name))
    .map((name) => ({ coordinate: `@source(${name})`, message: 'no field uses this source' }));
}

interface Hint {
  readonly maxAge?: unknown;
  readonly scope?: unknown;
  readonly inheritMaxAge?: unknown;
}

function conflictingCacheHints(schema: GraphQLSchema, protectedFields: ReadonlySet<string>): SchemaProblem[] {
  const warnings: SchemaProblem[] = [];
  const hintOf = (node: Parameters<typeof getDirective>[1]): Hint | undefined =>
    getDirective(schema, node, 'cacheControl')?.[0] as Hint | undefined;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeHint = hintOf(type);
    if (typeHint?.inheritMaxAge === true && typeHint.maxAge !== undefined) {
      warnings.push({ coordinate: type.name, message: '@cacheControl has both maxAge and inheritMaxAge: Apollo ignores one of them' });
    }
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const hint = hintOf(field);
      if (hint === undefined) continue;
      if (hint.inheritMaxAge === true && hint.maxAge !== undefined) {
        warnings.push({ coordinate, message: '@cacheControl has both maxAge and inheritMaxAge: Apollo ignores one of them' });
      }
      if (hint.scope === 'PUBLIC' && protectedFields.has(coordinate)) {
        warnings.push({
          coordinate,
          message:
            '@cacheControl(scope: PUBLIC) on a protected field: its answers depend on the caller, and responses that read it are private anyway',
        });
      }
      const returned = getNamedType(field.type);
      const returnedHint = isObjectType(returned) ? hintOf(returned) : undefined;
      if (hint.scope === 'PUBLIC' && returnedHint?.scope === 'PRIVATE') {
        warnings.push({
          coordinate,
          message: `@cacheControl(scope: PUBLIC) returns ${returned.name}, which is PRIVATE: the stricter scope wins`,
        });
      }
    }
  }
  return warnings;
}
