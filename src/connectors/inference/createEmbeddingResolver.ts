import type { FieldResolver } from '../../execution/FieldResolver';
import type { ConnectorRuntime } from '../Connector';
import { createEmbeddingLoader } from './createEmbeddingLoader';
import type { EmbeddingFieldPlan } from './EmbeddingFieldPlan';
import { renderText } from './renderText';

/** The resolver of an `@embedding` field: N parents, one batched `/embeddings` call. Nothing to embed is `null`. */
export function createEmbeddingResolver(plan: EmbeddingFieldPlan, runtime: ConnectorRuntime): FieldResolver {
  const embed = createEmbeddingLoader(plan, runtime);
  return async (parent, args, context) => {
    context.audit.inference.asked();
    const text = renderText(plan.input, { args, parent, claims: context.caller.claims });
    return embed(text, context);
  };
}
