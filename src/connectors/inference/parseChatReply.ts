import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { isRecord } from '../../schema/readArgs';
import type { InferenceFieldPlan } from './InferenceFieldPlan';
import { mapReply } from './mapReply';
import { WRAPPED_VALUE } from './deriveJsonSchema';

/** Why a model's answer cannot be used, as `extensions.reason`. */
export type ReplyProblem = 'refusal' | 'length' | 'content_filter' | 'schema_violation' | 'malformed_reply';

function badReply(plan: InferenceFieldPlan, reason: ReplyProblem, message: string): UpstreamBadResponseError {
  return new UpstreamBadResponseError(plan.source.name, message, { status: 200, extensions: { reason } });
}

/**
 * Turns a `/chat/completions` answer (untyped) into the field's value, or throws an
 * `UpstreamBadResponseError` saying why it cannot be used: the model refused, was cut off at the
 * token limit, was filtered, or answered something that does not fit the field's type. Nothing
 * is half-filled: an answer either validates as a whole or is refused as a whole. Messages never
 * quote the model's output. Pure.
 */
export function parseChatReply(plan: InferenceFieldPlan, reply: unknown): unknown {
  const { source, coordinate, format } = plan;
  const choices = isRecord(reply) ? reply['choices'] : undefined;
  const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
  const message = isRecord(choice) ? choice['message'] : undefined;
  if (!isRecord(choice) || !isRecord(message)) {
    throw badReply(plan, 'malformed_reply', `The answer of "${source.name}" for ${coordinate} is not a chat completion`);
  }
  const refusal = message['refusal'];
  if (typeof refusal === 'string' && refusal !== '') {
    throw badReply(plan, 'refusal', `The model of "${source.name}" refused to answer ${coordinate}`);
  }
  const finishReason = choice['finish_reason'];
  if (finishReason === 'length') {
    throw badReply(plan, 'length', `The model of "${source.name}" was cut off at its token limit before finishing ${coordinate}`);
  }
  if (finishReason === 'content_filter') {
    throw badReply(
      plan,
      'content_filter',
      `The answer of "${source.name}" for ${coordinate} was withheld by the provider's content filter`,
    );
  }
  const content = message['content'];
  if (typeof content !== 'string') {
    throw badReply(plan, 'malformed_reply', `The model of "${source.name}" gave no text for ${coordinate}`);
  }
  if (format.kind === 'text') return content.trim();

  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw badReply(plan, 'schema_violation', `The answer of "${source.name}" for ${coordinate} is not valid JSON`);
  }
  const problem = format.validate(parsed);
  if (problem !== undefined) {
    throw badReply(plan, 'schema_violation', `The answer of "${source.name}" for ${coordinate} does not match its type: ${problem}`);
  }
  return mapReply(format.type, format.wrapped ? (parsed as Record<string, unknown>)[WRAPPED_VALUE] : parsed);
}
