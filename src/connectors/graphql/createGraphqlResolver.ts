import { getNamedType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { UpstreamCache } from '../../cache/UpstreamCache';
import { createLoadingResolver } from '../../execution/createLoadingResolver';
import type { FieldResolver } from '../../execution/FieldResolver';
import type { ConnectorRuntime } from '../Connector';
import { buildGraphqlCall, withUpstreamArguments, type GraphqlBatchPayload } from './buildGraphqlRequest';
import type { DelegatedResult } from './DelegatedResult';
import { graphqlCallShape, type GraphqlCallShape } from './GraphqlCallShape';
import type { GraphqlFieldPlan } from './GraphqlFieldPlan';
import { materializeResult } from './materializeResult';
import { parseGraphqlResponse, splitByAlias, type GraphqlEnvelope } from './parseGraphqlResponse';

/**
 * The resolver of a `@graphql` field. The client's selection under the field is what is sent; it
 * is worked out once per operation (the executor's field nodes are the same for every request of a
 * cached plan). The parents of one request that share a selection make one upstream call with one
 * aliased field per distinct argument set, through the per-request DataLoader, the upstream cache
 * and the transport, as every connector's calls do.
 *
 * The resolver is per parent (it needs the selection from `info`); DataLoader's batching gathers
 * the parents of a list, so a list of N parents still makes one call.
 */
export function createGraphqlResolver(plan: GraphqlFieldPlan, runtime: ConnectorRuntime): FieldResolver {
  const { transport } = runtime;
  const shapes = new WeakMap<readonly FieldNode[], GraphqlCallShape>();
  const shapeOf = (info: GraphQLResolveInfo): GraphqlCallShape => {
    let shape = shapes.get(info.fieldNodes);
    if (shape === undefined) {
      shape = graphqlCallShape(plan, { ...info, returnType: getNamedType(info.returnType) });
      shapes.set(info.fieldNodes, shape);
    }
    return shape;
  };
  const source = plan.source.name;
  const loading = createLoadingResolver({
    cache: plan.cache && new UpstreamCache(runtime.cache, plan.cache, source, plan.coordinate, runtime.metrics),
    cacheable: (value) => (value as DelegatedResult | undefined)?.errors.length === 0,
    coordinate: plan.coordinate,
    forward: plan.source.auth,
    idempotent: plan.idempotent,
    maxBatchSize: plan.source.maxBatchSize,
    returnsList: false,
    plan: (scope, info) => {
      if (info === undefined) throw new Error(`${plan.coordinate}: a @graphql field is resolved with its selection`);
      return buildGraphqlCall(plan, shapeOf(info), scope, info.variableValues, info.schema);
    },
    fetch: async (request, context) => {
      context.audit.upstreamCall(request.source);
      const envelope = parseGraphqlResponse(await transport.send(request));
      // A mutation is one call, not a batch: its one field is the answer.
      return plan.operation === 'mutation' ? splitByAlias(envelope, 1)[0] : envelope;
    },
    batch: {
      withKeys: (call, keys) => withUpstreamArguments(call.request, plan, call.batchPayload as GraphqlBatchPayload, keys),
      align: (envelope, keys) => splitByAlias(envelope as GraphqlEnvelope, keys.length),
    },
    select: (result) => materializeResult(source, result as DelegatedResult),
  });
  // No `resolveMany`: the many-parents form has no `info`, so no selection to send.
  return (parent, args, context, info) => loading(parent, args, context, info);
}
