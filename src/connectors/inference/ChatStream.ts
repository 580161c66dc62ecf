import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { UpstreamUnavailableError } from '../../errors/UpstreamUnavailableError';
import type { ServerSentEvent } from '../../http/readEventStream';
import { isRecord } from '../../schema/readArgs';

/** The data of the event that ends an OpenAI-compatible stream. */
const DONE = '[DONE]';

/**
 * A streamed `/chat/completions` answer, read one server-sent event at a time: each
 * `chat.completion.chunk` adds to the first choice's text (and refusal), keeps its finish reason
 * and the model's name; the chunk with `usage` (sent last when `stream_options.include_usage` is
 * set) gives the tokens used; `[DONE]` ends it. `completion()` is then the answer as a non-streamed
 * call gives it, for the same validation. Never quotes the model's text in an error. Pure.
 */
export class ChatStream {
  #content = '';
  #refusal = '';
  #finishReason: string | undefined;
  #model: string | undefined;
  #usage: Record<string, unknown> | undefined;
  #done = false;

  constructor(private readonly source: string) {}

  /** Whether `[DONE]` arrived. */
  get done(): boolean {
    return this.#done;
  }

  /** Reads one event; the text it adds to the answer, or undefined when it adds none. */
  read(event: ServerSentEvent): string | undefined {
    if (this.#done) return undefined;
    if (event.data === DONE) {
      this.#done = true;
      return undefined;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(event.data);
    } catch (cause) {
      throw new UpstreamBadResponseError(this.source, `Upstream "${this.source}" streamed an event that is not valid JSON`, {
        status: 200,
        cause,
        extensions: { reason: 'malformed_reply' },
      });
    }
    if (!isRecord(chunk)) throw this.#malformed();
    if (event.event === 'error' || isRecord(chunk['error'])) {
      // Some OpenAI-compatible servers (vLLM, LiteLLM) report a failure after the 200 this way.
      throw new UpstreamUnavailableError(this.source, `Upstream "${this.source}" reported an error in the middle of its streamed answer`, {
        status: 200,
        extensions: { reason: 'stream_error' },
      });
    }
    if (typeof chunk['model'] === 'string') this.#model = chunk['model'];
    if (isRecord(chunk['usage'])) this.#usage = chunk['usage'];
    const choices = chunk['choices'];
    if (choices !== undefined && !Array.isArray(choices)) throw this.#malformed();
    const choice: unknown = Array.isArray(choices) ? choices.find((item) => isRecord(item) && (item['index'] ?? 0) === 0) : undefined;
    if (!isRecord(choice)) return undefined;
    if (typeof choice['finish_reason'] === 'string') this.#finishReason = choice['finish_reason'];
    const delta = choice['delta'];
    if (!isRecord(delta)) return undefined;
    if (typeof delta['refusal'] === 'string') this.#refusal += delta['refusal'];
    const content = delta['content'];
    if (typeof content !== 'string' || content === '') return undefined;
    this.#content += content;
    return content;
  }

  /** The whole answer in the shape of a non-streamed `chat.completion`. */
  completion(): Record<string, unknown> {
    const refused = this.#refusal !== '';
    return {
      object: 'chat.completion',
      ...(this.#model === undefined ? {} : { model: this.#model }),
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: refused && this.#content === '' ? null : this.#content,
            refusal: refused ? this.#refusal : null,
          },
          finish_reason: this.#finishReason ?? null,
        },
      ],
      ...(this.#usage === undefined ? {} : { usage: this.#usage }),
    };
  }

  #malformed(): UpstreamBadResponseError {
    return new UpstreamBadResponseError(this.source, `Upstream "${this.source}" streamed an event that is not a chat completion chunk`, {
      status: 200,
      extensions: { reason: 'malformed_reply' },
    });
  }
}
