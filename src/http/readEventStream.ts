import { createParser } from 'eventsource-parser';

/** One server-sent event: its `event:` name (undefined for the default, `message`) and its `data:`. */
export interface ServerSentEvent {
  readonly event: string | undefined;
  readonly data: string;
}

/**
 * The events of a `text/event-stream` body, in order, as its bytes arrive: parsed by
 * eventsource-parser (multi-line data, comments, CR/LF variants, events and characters split
 * across chunks).
 */
export async function* readEventStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  const pending: ServerSentEvent[] = [];
  const parser = createParser({ onEvent: (message) => pending.push({ event: message.event, data: message.data }) });
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) yield pending.shift() as ServerSentEvent;
  }
  parser.feed(decoder.decode());
  while (pending.length > 0) yield pending.shift() as ServerSentEvent;
  // A last event without its closing blank line is dropped, as the specification says.
}
