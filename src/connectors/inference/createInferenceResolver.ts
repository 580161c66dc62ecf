import { UpstreamCache } from '../../cache/UpstreamCache';
import { createLoadingResolver } from '../../execution/createLoadingResolver';
import type { FieldResolver } from '../../execution/FieldResolver';
import type { ConnectorRuntime } from '../Connector';
import { buildChatRequest } from './buildChatRequest';
import { modelRequestOf } from './buildModelRequest';
import type { InferenceFieldPlan } from './InferenceFieldPlan';
import { InferenceMeter } from './InferenceMeter';
import { parseChatReply } from './parseChatReply';
import { sendModelCall } from './sendModelCall';

/**
 * The resolver of an `@inference` field, on the loading core every connector shares. A
 * deterministic call (temperature 0) is answered from the upstream cache when the same model was
 * asked the same thing before — no call, no tokens — and made at most once per request; any other
 * call is made once per resolution. Only answers that validated are cached.
 */
export function createInferenceResolver(plan: InferenceFieldPlan, runtime: ConnectorRuntime): FieldResolver {
  const meter = new InferenceMeter(runtime, plan.source.name);
  const chatRequest = modelRequestOf(plan.source, '/chat/completions');
  const call = { operation: 'chat', source: plan.source.name, model: plan.source.model } as const;
  const loading = createLoadingResolver({
    coordinate: plan.coordinate,
    // Only a deterministic call may be answered once for several resolutions.
    idempotent: plan.temperature === 0,
    maxBatchSize: 1,
    returnsList: false,
    cache: plan.cache && new UpstreamCache(runtime.cache, plan.cache, plan.source.name, plan.coordinate, runtime.metrics),
    onCacheHit: (context) => context.audit.inference.cached(),
    plan: (scope) => ({ request: chatRequest(buildChatRequest(plan, scope)) }),
    fetch: async (request, context) => parseChatReply(plan, await sendModelCall(runtime.transport, meter, call, request, context)),
    select: (value) => value,
  });
  return (parent, args, context, info) => {
    context.audit.inference.asked();
    return loading(parent, args, context, info);
  };
}
