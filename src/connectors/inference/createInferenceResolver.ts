import DataLoader from 'dataloader';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { inModelSpan } from '../../observability/tracing/inModelSpan';
import { UpstreamCache } from '../../cache/UpstreamCache';
import type { RequestContext } from '../../execution/RequestContext';
import { toErrorValue } from '../../execution/toErrorValue';
import type { FieldResolver } from '../../schema/FieldResolver';
import type { ConnectorRuntime } from '../Connector';
import { buildChatRequest } from './buildChatRequest';
import { createInferenceClient } from './createInferenceClient';
import type { InferenceFieldPlan } from './InferenceFieldPlan';
import { InferenceMeter } from './InferenceMeter';
import { parseChatReply } from './parseChatReply';
import { readTokenUsage } from './readTokenUsage';

/**
 * The resolver of an `@inference` field. A deterministic call (temperature 0) is answered from
 * the upstream cache when the same model was asked the same thing before — no call, no tokens —
 * and made at most once per request; any other call is made once per resolution. Before a call
 * the caller's budget is checked; after it, the tokens are counted whatever the answer was. Only
 * answers that validated are cached.
 */
export function createInferenceResolver(plan: InferenceFieldPlan, runtime: ConnectorRuntime): FieldResolver {
  const client = createInferenceClient(plan.source, runtime.transport);
  const meter = new InferenceMeter(runtime, plan.source.name);
  const cache = plan.cache && new UpstreamCache(runtime.cache, plan.cache, plan.source.name, plan.coordinate, runtime.metrics);

  const answer = async (request: ChatCompletionCreateParamsNonStreaming, context: RequestContext): Promise<unknown> => {
    const partition = cache?.partitionFor(context.caller);
    const key = cache && partition && cache.keyFor(JSON.stringify(request), partition);
    if (cache && key !== undefined) {
      const [cached] = await cache.lookup([key]);
      if (cached !== undefined) {
        context.audit.inference.cached();
        return cached.value;
      }
    }
    await meter.admit(context);
    const reply = await inModelSpan(
      { operation: 'chat', source: plan.source.name, model: request.model },
      () => client.complete(request, context),
      (answer) => readTokenUsage(answer, 'chat'),
    );
    await meter.record(context, readTokenUsage(reply, 'chat'));
    const value = parseChatReply(plan, reply);
    if (cache && key !== undefined) cache.save(key, value);
    return value;
  };

  const loader = (context: RequestContext) =>
    context.loaders.get(
      plan.coordinate,
      () =>
        new DataLoader<ChatCompletionCreateParamsNonStreaming, unknown, string>(
          (requests) => Promise.all(requests.map((request) => answer(request, context).catch(toErrorValue))),
          // Only a deterministic call may be answered once for several resolutions.
          { batch: false, cache: plan.temperature === 0, cacheKeyFn: (request) => JSON.stringify(request) },
        ),
    );

  return async (parent, args, context) => {
    context.audit.inference.asked();
    const request = buildChatRequest(plan, { args, parent, claims: context.caller.claims });
    return loader(context).load(request);
  };
}
