import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { BadUserInputError } from '../../errors/BadUserInputError';
import type { TemplateScope } from '../../templates/renderTemplate';
import type { InferenceFieldPlan } from './InferenceFieldPlan';
import { renderText } from './renderText';

/**
 * Builds the `/chat/completions` request of one resolution of an `@inference` field: a system
 * message when declared, the rendered prompt as the user's message, and for a structured field
 * `response_format: json_schema` in strict mode. Its JSON is also the field's cache key. Pure.
 */
export function buildChatRequest(plan: InferenceFieldPlan, scope: TemplateScope): ChatCompletionCreateParamsNonStreaming {
  const prompt = renderText(plan.prompt, scope);
  if (prompt.trim() === '') throw new BadUserInputError(`${plan.coordinate}: the prompt is empty, so there is nothing to ask the model`);
  const messages: ChatCompletionMessageParam[] = [];
  const system = plan.system === undefined ? '' : renderText(plan.system, scope);
  if (system.trim() !== '') messages.push({ role: 'system', content: system });
  messages.push({ role: 'user', content: prompt });
  const { format } = plan;
  return {
    model: plan.source.model,
    messages,
    temperature: plan.temperature,
    ...(plan.maxTokens === undefined ? {} : { max_tokens: plan.maxTokens }),
    ...(format.kind === 'json'
      ? { response_format: { type: 'json_schema', json_schema: { name: format.name, strict: true, schema: format.schema } } }
      : {}),
  };
}
