import { ChatStream } from '../../src/connectors/inference/ChatStream';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { UpstreamUnavailableError } from '../../src/errors/UpstreamUnavailableError';
import { readEventStream, type ServerSentEvent } from '../../src/http/readEventStream';

const data = (value: unknown): ServerSentEvent => ({ event: undefined, data: JSON.stringify(value) });
const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
  data({ object: 'chat.completion.chunk', model: 'm-1', choices: [{ index: 0, delta, finish_reason: finishReason }] });

async function eventsOf(...pieces: string[]): Promise<ServerSentEvent[]> {
  async function* body() {
    for (const piece of pieces) yield new TextEncoder().encode(piece);
  }
  const events: ServerSentEvent[] = [];
  for await (const event of readEventStream(body())) events.push(event);
  return events;
}

describe('reading a streamed chat completion', () => {
  it('gives each piece of text in order, and the answer as a non-streamed completion once [DONE] arrives', () => {
    const stream = new ChatStream('model');
    const deltas = [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Your order ' }),
      chunk({ content: 'is on its way.' }),
      chunk({}, 'stop'),
      data({ object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } }),
    ].map((event) => stream.read(event));
    expect(deltas).toEqual([undefined, 'Your order ', 'is on its way.', undefined, undefined]);
    expect(stream.done).toBe(false);
    expect(stream.read({ event: undefined, data: '[DONE]' })).toBeUndefined();
    expect(stream.done).toBe(true);
    expect(stream.completion()).toEqual({
      object: 'chat.completion',
      model: 'm-1',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Your order is on its way.', refusal: null }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 },
    });
  });

  it('keeps a refusal apart from the text, and the finish reason of a cut-off answer', () => {
    const refused = new ChatStream('model');
    refused.read(chunk({ refusal: 'I cannot ' }));
    expect(refused.read(chunk({ refusal: 'help.' }, 'stop'))).toBeUndefined();
    expect(refused.completion()['choices']).toEqual([
      { index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help.' }, finish_reason: 'stop' },
    ]);
    const cut = new ChatStream('model');
    cut.read(chunk({ content: '{"answer":' }, 'length'));
    expect(cut.completion()).toMatchObject({ choices: [{ message: { content: '{"answer":' }, finish_reason: 'length' }] });
    expect(cut.completion()['usage']).toBeUndefined();
  });

  it('reads only the first choice, and nothing after [DONE]', () => {
    const stream = new ChatStream('model');
    expect(
      stream.read(
        data({
          choices: [
            { index: 1, delta: { content: 'other' } },
            { index: 0, delta: { content: 'first' } },
          ],
        }),
      ),
    ).toBe('first');
    stream.read({ event: undefined, data: '[DONE]' });
    expect(stream.read(chunk({ content: 'late' }))).toBeUndefined();
    expect(stream.completion()).toMatchObject({ choices: [{ message: { content: 'first' } }] });
  });

  it('refuses an event that is not JSON or not a chunk, and reports an error event as the upstream failing, without quoting it', () => {
    const stream = new ChatStream('model');
    expect(() => stream.read({ event: undefined, data: '{"choices": [' })).toThrow(UpstreamBadResponseError);
    expect(() => stream.read({ event: undefined, data: '[1, 2]' })).toThrow(UpstreamBadResponseError);
    expect(() => stream.read(data({ choices: 'none' }))).toThrow(UpstreamBadResponseError);
    let failure: unknown;
    try {
      stream.read(data({ error: { message: 'secret internal detail' } }));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(UpstreamUnavailableError);
    expect((failure as UpstreamUnavailableError).clientExtensions()).toMatchObject({ source: 'model', reason: 'stream_error' });
    expect((failure as Error).message).not.toContain('secret');
  });
});

describe('reading server-sent events', () => {
  it('parses events split anywhere across chunks, multi-line data, comments and CRLF', async () => {
    const events = await eventsOf(
      ': keep-alive\n\nda',
      'ta: {"a":',
      '1}\r\n\r\ndata: line one\ndata: line two\n\nevent: error\ndata: x\n\n',
      'data: [DONE]\n\n',
    );
    expect(events).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: 'line one\nline two' },
      { event: 'error', data: 'x' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('decodes a character split between two chunks, and drops a last event without its blank line (as the specification says)', async () => {
    const bytes = new TextEncoder().encode('data: café\n\ndata: end');
    async function* body() {
      yield bytes.slice(0, 10);
      yield bytes.slice(10);
    }
    const events: ServerSentEvent[] = [];
    for await (const event of readEventStream(body())) events.push(event);
    expect(events.map((event) => event.data)).toEqual(['café']);
  });
});
