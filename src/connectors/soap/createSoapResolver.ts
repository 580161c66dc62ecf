import { createLoadingResolver } from '../../execution/createLoadingResolver';
import { matchBatch } from '../../execution/matchBatch';
import { UpstreamCache } from '../../cache/UpstreamCache';
import type { ConnectorRuntime } from '../Connector';
import { readPath } from '../../templates/readPath';
import type { FieldResolver } from '../../execution/FieldResolver';
import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { buildSoapRequest, withSoapBatchKeys } from './buildSoapRequest';
import { parseSoapEnvelope } from './parseSoapEnvelope';
import type { SoapFieldPlan } from './SoapFieldPlan';

/** The resolver of a `@soap` field: batched by `batch`, deduplicated per request when idempotent. */
export function createSoapResolver(plan: SoapFieldPlan, runtime: ConnectorRuntime): FieldResolver {
  const { batch, source } = plan;
  const { transport } = runtime;
  const decode = (data: unknown) => readPath(data, plan.resultPath) ?? null;
  return createLoadingResolver({
    cache: plan.cache && new UpstreamCache(runtime.cache, plan.cache, source.name, plan.coordinate, runtime.metrics),
    coordinate: plan.coordinate,
    forward: source.auth,
    idempotent: plan.idempotent,
    maxBatchSize: source.maxBatchSize,
    returnsList: plan.returnsList,
    plan: (scope) => buildSoapRequest(plan, scope),
    fetch: async (request, context) => {
      context.audit.upstreamCall(request.source);
      return decode(parseSoapEnvelope(plan.codec, await transport.send(request)));
    },
    ...(batch && {
      batch: {
        withKeys: (call, keys) => withSoapBatchKeys(plan, call, keys),
        align: (data, keys) => {
          if (!Array.isArray(data)) {
            throw new UpstreamBadResponseError(
              source.name,
              `Upstream "${source.name}" answered a batched call without a list at ${plan.resultPath.join('.')}`,
            );
          }
          return matchBatch(data, keys, batch.matchOn, plan.returnsList);
        },
      },
    }),
    select: (data) => data,
  });
}
