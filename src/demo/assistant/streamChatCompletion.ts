import type { FastifyReply } from 'fastify';

/** How the demo assistant's streamed answers ended, for tests and operators. */
export interface AssistantStreams {
  /** Streams that sent `[DONE]`. */
  completed: number;
  /** Streams whose client closed the connection before `[DONE]`. */
  aborted: number;
}

/** A finished answer of the demo chat model, to send as a stream. */
export interface StreamedAnswer {
  readonly id: string;
  readonly model: string;
  readonly content: string | null;
  readonly refusal: string | null;
  readonly finishReason: string;
  readonly usage: { readonly prompt_tokens: number; readonly completion_tokens: number; readonly total_tokens: number };
  /** Send the final usage chunk (`stream_options.include_usage`). */
  readonly includeUsage: boolean;
  /** Wait between two chunks, in milliseconds. */
  readonly pauseMs: number;
  /** Break the connection after half of the text, as a crashed server would. */
  readonly cut: boolean;
}

/**
 * Sends an answer as OpenAI streams it: `text/event-stream` of `chat.completion.chunk` objects —
 * the role first, then the text (or refusal) a word at a time, then the finish reason, the usage
 * chunk (empty `choices`) when asked for, and `data: [DONE]`.
 */
export async function streamChatCompletion(reply: FastifyReply, answer: StreamedAnswer, streams: AssistantStreams): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  raw.on('close', () => {
    if (!raw.writableFinished) streams.aborted += 1;
  });
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: answer.id, object: 'chat.completion.chunk', created, model: answer.model, choices, ...extra })}\n\n`;
  const delta = (value: Record<string, unknown>, finishReason: string | null = null) =>
    chunk([{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }]);
  const field = answer.refusal === null ? 'content' : 'refusal';
  const pieces = (answer.refusal ?? answer.content ?? '').match(/\S{1,12}\s*|\s+/g) ?? [];
  const cutAt = answer.cut ? Math.max(1, Math.floor(pieces.length / 2)) : Number.POSITIVE_INFINITY;
  const pause = () => new Promise((resolve) => setTimeout(resolve, answer.pauseMs).unref());

  raw.write(delta({ role: 'assistant', content: '' }));
  for (const [index, piece] of pieces.entries()) {
    if (index === cutAt) {
      // What was written reaches the client first; then the connection breaks, without the chunked end.
      await new Promise((resolve) => setTimeout(resolve, 50).unref());
      raw.destroy();
      return;
    }
    if (answer.pauseMs > 0) await pause();
    if (raw.destroyed) return;
    raw.write(delta({ [field]: piece }));
  }
  raw.write(delta({}, answer.finishReason));
  if (answer.includeUsage) raw.write(chunk([], { usage: answer.usage }));
  raw.end('data: [DONE]\n\n');
  streams.completed += 1;
}
