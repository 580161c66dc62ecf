import { UpstreamCache } from '../../cache/UpstreamCache';
import type { ConnectorRuntime } from '../Connector';
import { createLoadingResolver } from '../../execution/createLoadingResolver';
import type { FieldResolver } from '../../execution/FieldResolver';
import { buildRestRequest, withBatchKeys } from './buildRestRequest';
import { matchBatch, parseRestResponse, selectResult } from './parseRestResponse';
import type { RestFieldPlan } from './RestFieldPlan';
import { jsonTemplateExpressions } from '../../templates/JsonTemplate';
import { templateExpressions } from '../../templates/parseTemplate';

/** The resolver of a `@rest` field: batched by `batchKey`, deduplicated per request otherwise. */
export function createRestResolver(plan: RestFieldPlan, runtime: ConnectorRuntime): FieldResolver {
  const { batch } = plan;
  const { transport } = runtime;
  return createLoadingResolver({
    cache: plan.cache && new UpstreamCache(runtime.cache, plan.cache, plan.source.name, plan.coordinate, runtime.metrics),
    coordinate: plan.coordinate,
    forward: plan.source.auth,
    idempotent: plan.idempotent,
    maxBatchSize: plan.source.maxBatchSize,
    returnsList: plan.returnsList,
    plan: (scope) => buildRestRequest(plan, scope),
    reads: [
      ...plan.path.flatMap(templateExpressions),
      ...plan.query.flatMap(([, template]) => templateExpressions(template)),
      ...plan.headers.flatMap((header) => templateExpressions(header.value)),
      ...(plan.body ? jsonTemplateExpressions(plan.body) : []),
    ],
    // Not `async`: a call is the transport's promise and one `then`.
    fetch: (request, context) => {
      context.audit.upstreamCall(request.source);
      return transport.send(request).then((response) => parseRestResponse(plan, response));
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
