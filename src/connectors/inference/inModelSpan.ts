import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { TokenUsage } from '../../execution/InferenceUsage';
import { tracer } from '../../observability/tracing/tracer';

export interface ModelCall {
  /** GenAI operation name: `chat` or `embeddings`. */
  readonly operation: 'chat' | 'embeddings';
  readonly source: string;
  readonly model: string;
}

/**
 * A span per model call with OpenTelemetry's GenAI semantic conventions (`gen_ai.operation.name`,
 * `gen_ai.request.model`, `gen_ai.response.model`, `gen_ai.usage.input_tokens` /
 * `output_tokens`); the HTTP call the transport makes nests under it. No prompt or answer text is
 * recorded. A no-op when tracing is off.
 */
export async function inModelSpan<R>(call: ModelCall, run: () => Promise<R>, usageOf: (reply: R) => TokenUsage): Promise<R> {
  return tracer.startActiveSpan(
    `${call.operation} ${call.model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': call.operation,
        'gen_ai.system': 'openai',
        'gen_ai.request.model': call.model,
        'tributary.source': call.source,
      },
    },
    async (span) => {
      try {
        const reply = await run();
        const usage = usageOf(reply);
        const model = (reply as { model?: unknown }).model;
        span.setAttributes({
          ...(typeof model === 'string' ? { 'gen_ai.response.model': model } : {}),
          'gen_ai.usage.input_tokens': usage.prompt + usage.embedding,
          ...(call.operation === 'chat' ? { 'gen_ai.usage.output_tokens': usage.completion } : {}),
        });
        return reply;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
