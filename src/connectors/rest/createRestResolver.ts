import DataLoader from 'dataloader';
import type { HttpTransport } from '../../http/HttpTransport';
import { upstreamRequestKey, type UpstreamRequest } from '../../http/UpstreamRequest';
import type { RequestContext } from '../../execution/RequestContext';
import { toErrorValue } from '../../execution/toErrorValue';
import type { FieldResolver } from '../../schema/FieldResolver';
import { buildRestRequest, withBatchKeys } from './buildRestRequest';
import { matchBatch, parseRestResponse, selectResult } from './parseRestResponse';
import type { RestFieldPlan } from './RestFieldPlan';

/**
 * The resolver of a `@rest` field. Every call goes through a per-request DataLoader: a batched
 * field turns N parents into one call per `maxBatchSize` keys; any other field makes at most one
 * call per distinct request.
 */
export function createRestResolver(plan: RestFieldPlan, transport: HttpTransport): FieldResolver {
  const fetchOne = (request: UpstreamRequest, context: RequestContext): Promise<unknown> => {
    context.audit.upstreamCall(request.source);
    return transport.send(request).then((response) => parseRestResponse(plan, response));
  };

  const singleLoader = (context: RequestContext) =>
    context.loaders.get(
      plan.coordinate,
      () =>
        new DataLoader<UpstreamRequest, unknown, string>(
          (requests) => Promise.all(requests.map((request) => fetchOne(request, context).catch(toErrorValue))),
          // A non-idempotent call is made once per resolution, never shared even within a request.
          { batch: false, cache: plan.idempotent, cacheKeyFn: upstreamRequestKey },
        ),
    );

  const batchLoader = (context: RequestContext, request: UpstreamRequest, batch: NonNullable<RestFieldPlan['batch']>) =>
    context.loaders.get(
      `${plan.coordinate}\n${upstreamRequestKey(request)}`,
      () =>
        new DataLoader<string, unknown>(
          async (keys) => {
            const items = await fetchOne(withBatchKeys(request, batch.param, keys), context);
            return matchBatch(plan, items as unknown[], keys);
          },
          { maxBatchSize: plan.source.maxBatchSize },
        ),
    );

  return async (parent, args, context) => {
    const { request, batchKeys } = buildRestRequest(plan, { args, parent, claims: context.caller.claims });
    if (batchKeys === undefined || plan.batch === undefined) {
      return selectResult(plan, await singleLoader(context).load(request));
    }
    const loader = batchLoader(context, request, plan.batch);
    const [firstKey] = batchKeys;
    if (firstKey === undefined) return plan.returnsList ? [] : null;
    if (batchKeys.length === 1) return selectResult(plan, await loader.load(firstKey));
    const results = await loader.loadMany(batchKeys);
    const failure = results.find((result): result is Error => result instanceof Error);
    if (failure) throw failure;
    return selectResult(plan, plan.returnsList ? results.flat() : results[0]);
  };
}
