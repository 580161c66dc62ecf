import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import { createOperationExecutor, type OperationExecutor } from '../execution/plan/createOperationExecutor';
import { isOperationPlan } from '../execution/plan/compileOperation';
import type { RequestContext } from '../execution/RequestContext';
import type { UpstreamFields } from '../execution/plan/responsePathSources';
import { withUpstreamValueErrors } from '../execution/plan/withUpstreamValueErrors';

export interface CompiledExecutionGatewayOptions {
  readonly schema: GraphQLSchema;
  readonly protectedFields: ReadonlySet<string>;
  /** How many compiled operations are kept. */
  readonly maxPlans: number;
  /** `Type.field` → source, for the fields bound to an upstream. */
  readonly upstreamFields: UpstreamFields;
}

/**
 * Plugs compiled execution into Apollo Server through its documented gateway interface: Apollo
 * keeps the request pipeline (parsing and its document cache, validation, APQ, plugins, error
 * formatting, HTTP), and hands each validated operation to our executor instead of graphql-js's
 * `execute`. Unlike a schema passed directly, the schema is never wrapped for per-field plugin
 * hooks, so fields without resolvers are plain property reads in the compiled code.
 */
export function compiledExecutionGateway(options: CompiledExecutionGatewayOptions): GatewayInterface & { readonly executor: OperationExecutor } {
  const executor = createOperationExecutor(options.schema, {
    maxPlans: options.maxPlans,
    isProtected: (typeName, fieldName) => options.protectedFields.has(`${typeName}.${fieldName}`),
    upstreamFields: options.upstreamFields,
  });
  const execute: GatewayExecutor = async (requestContext) => {
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
    executor,
    async load() {
      return { executor: execute };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: options.schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}
