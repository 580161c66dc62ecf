import type { HttpTransport } from '../../http/HttpTransport';
import { createLoadingResolver } from '../../execution/createLoadingResolver';
import type { FieldResolver } from '../../schema/FieldResolver';
import { buildRestRequest, withBatchKeys } from './buildRestRequest';
import { matchBatch, parseRestResponse, selectResult } from './parseRestResponse';
import type { RestFieldPlan } from './RestFieldPlan';

/** The resolver of a `@rest` field: batched by `batchKey`, deduplicated per request otherwise. */
export function createRestResolver(plan: RestFieldPlan, transport: HttpTransport): FieldResolver {
  const { batch } = plan;
  return createLoadingResolver({
    coordinate: plan.coordinate,
    idempotent: plan.idempotent,
    maxBatchSize: plan.source.maxBatchSize,
    returnsList: plan.returnsList,
    plan: (scope) => buildRestRequest(plan, scope),
    fetch: async (request, context) => {
      context.audit.upstreamCall(request.source);
      return parseRestResponse(plan, await transport.send(request));
    },
    ...(batch && {
      batch: {
        withKeys: (call, keys) => withBatchKeys(call.request, batch.param, keys),
        align: (data, keys) => matchBatch(plan, data as unknown[], keys),
      },
    }),
    select: (data) => selectResult(plan, data),
  });
}
