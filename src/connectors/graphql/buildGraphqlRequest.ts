import { astFromValueUntyped } from '@graphql-tools/utils';
import {
  astFromValue,
  isInputType,
  Kind,
  OperationTypeNode,
  print,
  typeFromAST,
  valueFromASTUntyped,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import type { PlannedCall } from '../../execution/createLoadingResolver';
import type { UpstreamRequest } from '../../http/UpstreamRequest';
import { renderTemplate, type TemplateScope } from '../../templates/renderTemplate';
import type { GraphqlCallShape } from './GraphqlCallShape';
import type { GraphqlFieldPlan } from './GraphqlFieldPlan';

/** What the batched call needs beyond the shared request: the shape and the client's variable values. */
export interface GraphqlBatchPayload {
  readonly shape: GraphqlCallShape;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** The response key of the i-th batched field: `_0`, `_1`, … */
export const aliasOf = (index: number): string => `_${index}`;

/**
 * Plans one resolution of a `@graphql` field. Pure. A query's key is its upstream arguments: the
 * parents of one request that share the selection (and variables) become one upstream document,
 * one aliased field per distinct key (`withUpstreamArguments`). A mutation is sent at once.
 */
export function buildGraphqlCall(
  plan: GraphqlFieldPlan,
  shape: GraphqlCallShape,
  scope: TemplateScope,
  variableValues: Readonly<Record<string, unknown>>,
  schema: GraphQLSchema,
): PlannedCall {
  const variables = forwardedVariables(shape, variableValues, schema);
  const key = JSON.stringify(plan.args.map((argument) => renderTemplate(argument.value, scope) ?? null));
  const payload: GraphqlBatchPayload = { shape, variables };
  if (plan.operation === 'mutation') return { request: withUpstreamArguments(baseRequest(plan), plan, payload, [key]) };
  const shared: UpstreamRequest = {
    ...baseRequest(plan),
    body: `${shape.identity}\n${JSON.stringify(variables)}`,
  };
  return { request: shared, batchKeys: [key], batchPayload: payload };
}

/**
 * The upstream call for a set of keys: `request` (the shared call, with what was forwarded from
 * the caller) with a body of one aliased root field per key, the client's selection under each.
 */
export function withUpstreamArguments(
  request: UpstreamRequest,
  plan: GraphqlFieldPlan,
  payload: GraphqlBatchPayload,
  keys: readonly string[],
): UpstreamRequest {
  const { shape } = payload;
  const fields: FieldNode[] = keys.map((key, index) => ({
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: aliasOf(index) },
    name: { kind: Kind.NAME, value: plan.upstreamField },
    arguments: argumentNodes(plan, JSON.parse(key) as unknown[]),
    ...(shape.selection.selectionSet ? { selectionSet: shape.selection.selectionSet } : {}),
  }));
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: plan.operation === 'mutation' ? OperationTypeNode.MUTATION : OperationTypeNode.QUERY,
        variableDefinitions: shape.variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
      },
    ],
  };
  const hasVariables = Object.keys(payload.variables).length > 0;
  return {
    ...request,
    body: JSON.stringify(hasVariables ? { query: print(document), variables: payload.variables } : { query: print(document) }),
  };
}

function baseRequest(plan: GraphqlFieldPlan): UpstreamRequest {
  const { source } = plan;
  return {
    source: source.name,
    method: 'POST',
    url: source.url,
    headers: requestHeaders(plan),
    timeoutMs: source.timeoutMs,
    maxResponseBytes: source.maxResponseBytes,
    idempotent: plan.idempotent,
    kind: 'graphql',
    route: `${plan.operation} ${plan.upstreamField}`,
  };
}

const sharedHeaders = new WeakMap<GraphqlFieldPlan, Readonly<Record<string, string>>>();

/** One frozen header object per field, so the request key's header part is computed once. */
function requestHeaders(plan: GraphqlFieldPlan): Readonly<Record<string, string>> {
  let headers = sharedHeaders.get(plan);
  if (headers === undefined) {
    // GraphQL over HTTP: https://graphql.github.io/graphql-over-http/draft/#sec-Accept
    headers = Object.freeze({
      accept: 'application/graphql-response+json, application/json;q=0.9',
      'content-type': 'application/json',
      ...plan.source.headers,
    });
    sharedHeaders.set(plan, headers);
  }
  return headers;
}

/** Arguments as literals: typed when the value is one of the field's own arguments (enums stay enums). */
function argumentNodes(plan: GraphqlFieldPlan, values: readonly unknown[]): ArgumentNode[] {
  const nodes: ArgumentNode[] = [];
  plan.args.forEach((argument, index) => {
    const value = values[index];
    if (value === undefined || value === null) return;
    const literal: ValueNode | null | undefined = argument.type ? astFromValue(value, argument.type) : astFromValueUntyped(value);
    if (literal) nodes.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: argument.name }, value: literal });
  });
  return nodes;
}

/** The values of the variables the selection uses, serialized as the client would send them. */
function forwardedVariables(
  shape: GraphqlCallShape,
  values: Readonly<Record<string, unknown>>,
  schema: GraphQLSchema,
): Readonly<Record<string, unknown>> {
  if (shape.variableDefinitions.length === 0) return EMPTY;
  const out: Record<string, unknown> = {};
  for (const definition of shape.variableDefinitions) {
    const name = definition.variable.name.value;
    const value = values[name];
    const type = typeFromAST(schema, definition.type);
    if (value === undefined || type === undefined || !isInputType(type)) continue;
    const literal = astFromValue(value, type);
    out[name] = literal ? valueFromASTUntyped(literal) : null;
  }
  return out;
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});
