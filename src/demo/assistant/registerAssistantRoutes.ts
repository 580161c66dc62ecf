import type { FastifyInstance, FastifyReply } from 'fastify';
import { isRecord } from '../../schema/readArgs';
import { ANSWERS, classifyIntent } from './classifyIntent';
import { countTokens } from './countTokens';
import { embedText } from './embedText';
import { fillSchema } from './fillSchema';
import { streamChatCompletion, type AssistantStreams } from './streamChatCompletion';
import { summarizeProduct } from './summarizeProduct';

/** The demo's chat model and embedding model names. */
export const DEMO_CHAT_MODEL = 'tributary-demo-chat';
export const DEMO_EMBEDDING_MODEL = 'tributary-demo-embed';
/** The demo chat model's context window, in its tokens (words). */
export const DEMO_CONTEXT_TOKENS = 1000;

/** A request the demo assistant answered, with its JSON body, so tests can look inside calls. */
export interface AssistantCall {
  readonly path: string;
  readonly body: unknown;
}

/**
 * The demo assistant's OpenAI-compatible API: `POST /v1/chat/completions` (honouring
 * `response_format: json_schema` by producing a value valid for the schema, and `stream: true` by
 * streaming the answer as server-sent `chat.completion.chunk` events, with a usage chunk when
 * `stream_options.include_usage` is set) and
 * `POST /v1/embeddings` (string or array input), with `usage` in every answer. Every call needs
 * `Authorization: Bearer <apiKey>`.
 *
 * Test hooks — words in the last user message that make the chat model misbehave on purpose:
 *
 * | word                  | answer                                                                |
 * |-----------------------|-----------------------------------------------------------------------|
 * | `#violate-schema`     | JSON that does not match the requested schema                          |
 * | `#refuse`             | a refusal (`message.refusal`, no content)                              |
 * | `#truncate`           | half an answer with `finish_reason: "length"`                          |
 * | `#rate-limited-once`  | 429 with `Retry-After: 1` and `retry-after-ms: 40` the first time a message is seen, then a normal answer |
 * | `#rate-limited`       | always 429 with `Retry-After: 120`                                     |
 * | `#unavailable`        | 503 without `Retry-After`                                              |
 * | `#server-error`       | 500                                                                    |
 * | `#slow`               | a normal answer after 1.5 s                                            |
 * | `#slow-stream`        | streamed, 200 ms between chunks                                        |
 * | `#cut-stream`         | streamed, the connection broken after half of the text                 |
 *
 * A conversation longer than DEMO_CONTEXT_TOKENS is refused with 400 `context_length_exceeded`.
 */
export function registerAssistantRoutes(app: FastifyInstance, apiKey: string, calls: AssistantCall[], streams: AssistantStreams): void {
  const seenOnce = new Set<string>();

  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return reply.code(401).send(openAIError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
  });
  app.addHook('preHandler', async (request) => {
    calls.push({ path: request.url, body: request.body });
  });

  app.post('/v1/chat/completions', async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    if (body['model'] !== DEMO_CHAT_MODEL) return modelNotFound(reply, body['model']);
    const messages = Array.isArray(body['messages']) ? body['messages'].filter(isRecord) : [];
    const texts = messages.map((message) => contentText(message['content']));
    const prompt = [...messages].reverse().find((message) => message['role'] === 'user');
    if (prompt === undefined)
      return reply.code(400).send(openAIError('messages must contain a user message', 'invalid_request_error', null));
    const message = contentText(prompt['content']);
    const promptTokens = texts.reduce((sum, text) => sum + countTokens(text) + 3, 0);
    if (promptTokens > DEMO_CONTEXT_TOKENS) {
      return reply
        .code(400)
        .send(
          openAIError(
            `This model's maximum context length is ${DEMO_CONTEXT_TOKENS} tokens. However, your messages resulted in ${promptTokens} tokens.`,
            'invalid_request_error',
            'context_length_exceeded',
          ),
        );
    }
    const hooks = new Set(message.match(/#[a-z-]+/g) ?? []);
    if (hooks.has('#rate-limited')) {
      return reply
        .code(429)
        .header('retry-after', '120')
        .send(openAIError('Rate limit reached for requests.', 'requests', 'rate_limit_exceeded'));
    }
    if (hooks.has('#rate-limited-once') && !seenOnce.has(message)) {
      seenOnce.add(message);
      return reply
        .code(429)
        .header('retry-after', '1')
        .header('retry-after-ms', '40')
        .send(openAIError('Rate limit reached for requests.', 'requests', 'rate_limit_exceeded'));
    }
    if (hooks.has('#unavailable')) return reply.code(503).send(openAIError('The server is overloaded.', 'server_error', null));
    if (hooks.has('#server-error')) return reply.code(500).send(openAIError('The server had an error.', 'server_error', null));
    // Unref'd: a slow answer nobody waits for any more must not keep a closing process alive.
    if (hooks.has('#slow')) await new Promise((resolve) => setTimeout(resolve, 1500).unref());

    const classification = classifyIntent(message);
    const facts = { classification, answer: ANSWERS[classification.intent], summary: summarizeProduct(message) };
    const format = isRecord(body['response_format']) ? body['response_format'] : undefined;
    const jsonSchema = format?.['type'] === 'json_schema' && isRecord(format['json_schema']) ? format['json_schema']['schema'] : undefined;

    let content: string | null;
    let refusal: string | null = null;
    let finishReason = 'stop';
    if (hooks.has('#refuse')) {
      content = null;
      refusal = 'I’m sorry, but I can’t help with that request.';
    } else if (jsonSchema !== undefined) {
      content = JSON.stringify(
        hooks.has('#violate-schema') ? { unexpected: 'this is not what was asked for' } : fillSchema(jsonSchema, 'value', facts),
      );
    } else {
      content = /summari[sz]e/i.test(texts.join('\n')) ? facts.summary : facts.answer;
    }
    if (hooks.has('#truncate') && content !== null) {
      content = content.slice(0, Math.floor(content.length / 2));
      finishReason = 'length';
    }
    const completionTokens = countTokens(content ?? refusal ?? '');
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    if (body['stream'] === true) {
      const options = isRecord(body['stream_options']) ? body['stream_options'] : {};
      return streamChatCompletion(
        reply,
        {
          id: `chatcmpl-demo-${calls.length}`,
          model: DEMO_CHAT_MODEL,
          content,
          refusal,
          finishReason,
          usage,
          includeUsage: options['include_usage'] === true,
          pauseMs: hooks.has('#slow-stream') ? 200 : 0,
          cut: hooks.has('#cut-stream'),
        },
        streams,
      );
    }
    return {
      id: `chatcmpl-demo-${calls.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: DEMO_CHAT_MODEL,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal }, logprobs: null, finish_reason: finishReason }],
      usage,
    };
  });

  app.post('/v1/embeddings', async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    if (body['model'] !== DEMO_EMBEDDING_MODEL) return modelNotFound(reply, body['model']);
    const input = body['input'];
    const texts =
      typeof input === 'string' ? [input] : Array.isArray(input) && input.every((item) => typeof item === 'string') ? input : undefined;
    if (texts === undefined || texts.length === 0 || texts.some((text) => text === '')) {
      return reply
        .code(400)
        .send(openAIError('input must be a non-empty string or a list of non-empty strings', 'invalid_request_error', null));
    }
    const base64 = body['encoding_format'] === 'base64';
    const tokens = texts.reduce((sum, text) => sum + countTokens(text), 0);
    return {
      object: 'list',
      data: texts.map((text, index) => {
        const vector = embedText(text);
        return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector };
      }),
      model: DEMO_EMBEDDING_MODEL,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  });
}

/** The text of a message's content: a string, or the text parts of a list. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter(Boolean)
    .join('\n');
}

function openAIError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function modelNotFound(reply: FastifyReply, model: unknown) {
  return reply.code(404).send(openAIError(`The model \`${String(model)}\` does not exist.`, 'invalid_request_error', 'model_not_found'));
}
