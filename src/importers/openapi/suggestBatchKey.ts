import { Kind, print, type TypeNode } from 'graphql';
import { isGraphQLName } from './GraphQLNames';
import { arrayOf, followRefs, objectOf, type ApiDocument, type ApiOperation, type JsonObject } from './OpenApiDocument';
import { directive } from './sdlAst';

/** A list endpoint that filters by a list of ids: N parents can load their item with one call. */
export interface BatchKeySuggestion {
  /** The Query field the endpoint was imported as. */
  readonly field: string;
  /** The type of the list's items, e.g. `Pet`. */
  readonly itemType: string;
  /** The repeated query parameter, e.g. `ids`. */
  readonly parameter: string;
  /** The item property that carries the key, e.g. `id`. */
  readonly keyField: string;
  /** The `@rest` directive to put on a field of the parent type; `{parent.…}` names the parent's property holding the key. */
  readonly directive: string;
}

const ID_LIST = /^(?:ids?|.+(?:_ids?|Ids?))$/;

/**
 * Suggests `batchKey` for a GET list endpoint with no path parameters whose only required query
 * parameter is a repeated list of ids (`/pets?ids=1&ids=2`), when the items carry the key
 * (`id`, or `petId` for `petIds`).
 */
export function suggestBatchKey(
  document: ApiDocument,
  operation: ApiOperation,
  field: string,
  returns: TypeNode,
  sourceName: string,
): BatchKeySuggestion | undefined {
  if (operation.method !== 'GET' || operation.path.includes('{') || !operation.response?.schema) return undefined;
  const list = returns.kind === Kind.NON_NULL_TYPE ? returns.type : returns;
  if (list.kind !== Kind.LIST_TYPE) return undefined;
  const item = list.type.kind === Kind.NON_NULL_TYPE ? list.type.type : list.type;
  if (item.kind !== Kind.NAMED_TYPE) return undefined;
  const parameter = operation.parameters.find(
    (candidate) =>
      candidate.location === 'query' && candidate.repeated && ID_LIST.test(candidate.name) && isList(document, candidate.schema),
  );
  if (!parameter) return undefined;
  if (operation.parameters.some((other) => other !== parameter && other.required)) return undefined;
  const itemSchema = deref(document, deref(document, operation.response.schema)?.['items']);
  const properties = itemSchema ? Object.keys(objectOf(itemSchema, 'properties') ?? {}) : [];
  const singular = parameter.name.replace(/s$/, '');
  const keyField = [singular, 'id'].find((name) => properties.includes(name) && isGraphQLName(name));
  if (keyField === undefined) return undefined;
  const node = directive('rest', {
    source: sourceName,
    path: operation.path,
    query: { [parameter.name]: `{parent.${singular === parameter.name ? 'id' : singular}}` },
    batchKey: parameter.name,
    batchKeyField: keyField === parameter.name ? undefined : keyField,
  });
  return { field, itemType: item.name.value, parameter: parameter.name, keyField, directive: print(node) };
}

function isList(document: ApiDocument, schema: JsonObject): boolean {
  const resolved = deref(document, schema);
  const type = resolved?.['type'];
  return (
    type === 'array' ||
    (Array.isArray(type) && type.includes('array')) ||
    (resolved !== undefined && arrayOf(resolved, 'type').includes('array'))
  );
}

function deref(document: ApiDocument, value: unknown): JsonObject | undefined {
  return followRefs(value, (ref) => document.resolveRef(ref));
}
