import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, OperationTypeNode, type GraphQLSchema } from 'graphql';
import { createOperationExecutor, type OperationExecutor } from '../execution/plan/createOperationExecutor';
import { isOperationPlan } from '../execution/plan/compileOperation';
import type { RequestContext } from '../execution/RequestContext';
import type { UpstreamFields } from '../execution/plan/responsePathSources';
import { withUpstreamValueErrors } from '../execution/plan/withUpstreamValueErrors';

const subscriptionOverHttp = () => ({
  errors: [
    new GraphQLError(
      'Subscriptions are served over WebSocket (graphql-ws) or Server-Sent Events (Accept: text/event-stream) on this endpoint, not over plain HTTP',
      { extensions: { code: 'BAD_REQUEST', retryable: false } },
    ),
  ],
});

/** One compiled schema, with what its plans need to know about it. */
export interface ServedSchema {
  readonly schema: GraphQLSchema;
  readonly protectedFields: ReadonlySet<string>;
  /** `Type.field` → source, for the fields bound to an upstream. */
  readonly upstreamFields: UpstreamFields;
}

export interface CompiledExecutionGatewayOptions extends ServedSchema {
  /** How many compiled operations are kept. */
  readonly maxPlans: number;
}

export interface CompiledExecutionGateway extends GatewayInterface {
  /** The executor of the schema being served now. */
  readonly executor: OperationExecutor;
  /**
   * Serves another schema from the next request on. A request already validated against the old
   * schema runs with the old one's plans: the switch is atomic for every request.
   */
  replaceSchema(served: ServedSchema): void;
}

/**
 * Plugs compiled execution into Apollo Server through its documented gateway interface: Apollo
 * keeps the request pipeline (parsing and its document cache, validation, APQ, plugins, error
 * formatting, HTTP), and hands each validated operation to our executor instead of graphql-js's
 * `execute`. Unlike a schema passed directly, the schema is never wrapped for per-field plugin
 * hooks, so fields without resolvers are plain property reads in the compiled code. The same
 * interface is how a new schema is handed to Apollo on reload (`onSchemaLoadOrUpdate`).
 */
export function compiledExecutionGateway(options: CompiledExecutionGatewayOptions): CompiledExecutionGateway {
  const executorFor = (served: ServedSchema): OperationExecutor =>
    createOperationExecutor(served.schema, {
      maxPlans: options.maxPlans,
      isProtected: (typeName, fieldName) => served.protectedFields.has(`${typeName}.${fieldName}`),
      upstreamFields: served.upstreamFields,
    });
  let current = { schema: options.schema, executor: executorFor(options) };
  /** Executors by the schema a request was validated against (the old one stays while its requests run). */
  const executors = new WeakMap<GraphQLSchema, OperationExecutor>([[current.schema, current.executor]]);
  const listeners = new Set<Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]>();

  const execute: GatewayExecutor = async (requestContext) => {
    // Plain HTTP has no way to send a second event: subscriptions go over WebSocket or SSE.
    if (requestContext.operation.operation === OperationTypeNode.SUBSCRIPTION) return subscriptionOverHttp();
    const executor = executors.get(requestContext.schema) ?? current.executor;
    const args = {
      document: requestContext.document,
      operationName: requestContext.request.operationName,
      queryHash: requestContext.queryHash,
    };
    const plan = executor.plan(args);
    if (!isOperationPlan(plan)) return plan;
    const policy = requestContext.overallCachePolicy as { replace(hint: { maxAge?: number; scope?: string }): void };
    policy.replace(plan.cachePolicy.maxAge === undefined ? { scope: plan.cachePolicy.scope } : plan.cachePolicy);
    const context = requestContext.context as RequestContext;
    context.audit.deprecatedUsed = plan.deprecatedUsage;
    const result = await plan.run(context, requestContext.request.variables);
    return withUpstreamValueErrors(result, plan.valueSources);
  };
  return {
    get executor() {
      return current.executor;
    },
    replaceSchema(served) {
      current = { schema: served.schema, executor: executorFor(served) };
      executors.set(served.schema, current.executor);
      for (const listener of listeners) listener({ apiSchema: served.schema, coreSupergraphSdl: '' });
    },
    async load() {
      return { executor: execute };
    },
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      callback({ apiSchema: current.schema, coreSupergraphSdl: '' });
      return () => listeners.delete(callback);
    },
    async stop() {},
  };
}
