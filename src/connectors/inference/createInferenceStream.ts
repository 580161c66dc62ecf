import { Repeater } from '@graphql-yoga/subscription';
import { UpstreamBadResponseError } from '../../errors/UpstreamBadResponseError';
import { UpstreamTimeoutError } from '../../errors/UpstreamTimeoutError';
import { UpstreamUnavailableError } from '../../errors/UpstreamUnavailableError';
import type { FieldResolver } from '../../execution/FieldResolver';
import type { RequestContext } from '../../execution/RequestContext';
import { readEventStream } from '../../http/readEventStream';
import type { UpstreamRequest } from '../../http/UpstreamRequest';
import { UpstreamStream } from '../../http/UpstreamStream';
import type { ConnectorRuntime, StreamedField } from '../Connector';
import { buildChatRequest } from './buildChatRequest';
import { modelRequestOf } from './buildModelRequest';
import { ChatStream } from './ChatStream';
import { InferenceMeter } from './InferenceMeter';
import { inModelSpan } from './inModelSpan';
import { parseChatReply } from './parseChatReply';
import { parseModelResponse } from './parseModelResponse';
import { readTokenUsage } from './readTokenUsage';
import { ReplyFailure, type ReplyEvent } from './ReplyEvent';
import type { StreamedInferencePlan } from './StreamedInferencePlan';

/**
 * The resolvers of a Subscription field fed by `@inference(stream: true)`. Subscribing renders the
 * prompt and checks the caller's token budget (a spent budget refuses the subscription, and
 * nothing is called); the stream then sends the chat request with `stream: true` and
 * `stream_options.include_usage`, and delivers an event per piece of text as the model writes it,
 * then one last event with the answer — validated and mapped as the non-streamed field's — and
 * the tokens used, which are charged to the caller's budget, `/metrics` and the audit whatever the
 * answer turns out to be. A failure, before or during the stream, is the last event: the field
 * resolves to its typed error. Unsubscribing aborts the model call.
 */
export function createInferenceStream(plan: StreamedInferencePlan, runtime: ConnectorRuntime): StreamedField {
  const { call } = plan;
  const { source } = call;
  const meter = new InferenceMeter(runtime, source.name);
  const chatRequest = modelRequestOf(source, '/chat/completions');
  const model = { operation: 'chat', source: source.name, model: source.model } as const;

  /** Sends the call and pushes its events; throws what ended it early. */
  const streamReply = async (
    request: UpstreamRequest,
    context: RequestContext,
    signal: AbortSignal,
    push: (event: ReplyEvent) => Promise<unknown>,
  ): Promise<void> => {
    context.audit.upstreamCall(source.name);
    const remainingMs = context.deadline - Date.now();
    if (remainingMs <= 0) throw new UpstreamTimeoutError(source.name, 0, { extensions: { deadline: 'request' } });
    const reader = new ChatStream(source.name);
    let completion: Record<string, unknown>;
    try {
      completion = await inModelSpan(
        model,
        async () => {
          const opened = await runtime.transport.openStream({
            ...request,
            headers: { ...request.headers, accept: 'text/event-stream' },
            timeoutMs: Math.min(request.timeoutMs, remainingMs),
            deadline: context.deadline,
            idleTimeoutMs: source.streamIdleTimeoutMs,
            signal,
            onAttempt: () => context.audit.inference.call(),
          });
          if (!(opened instanceof UpstreamStream)) {
            parseModelResponse(opened);
            throw new UpstreamBadResponseError(source.name, `Upstream "${source.name}" answered HTTP ${opened.status}`);
          }
          if (!(opened.header('content-type') ?? '').includes('text/event-stream')) {
            throw new UpstreamBadResponseError(source.name, `Upstream "${source.name}" did not stream its answer as server-sent events`, {
              status: opened.status,
              extensions: { reason: 'malformed_reply' },
            });
          }
          for await (const event of readEventStream(opened.body)) {
            const delta = reader.read(event);
            if (delta !== undefined) await push({ delta, done: false, reply: null, usage: null });
            if (reader.done) break;
          }
          if (!reader.done) {
            throw new UpstreamUnavailableError(source.name, `Upstream "${source.name}" ended its streamed answer before it was complete`, {
              status: opened.status,
              extensions: { reason: 'stream_interrupted' },
            });
          }
          return reader.completion();
        },
        (answer) => readTokenUsage(answer, 'chat'),
      );
    } finally {
      // What the provider reported, if it got that far; a stream cut before its usage counts none,
      // as a non-streamed answer without usage does.
      await meter.record(context, readTokenUsage(reader.completion(), 'chat'));
    }
    const usage = readTokenUsage(completion, 'chat');
    const reply = parseChatReply(call, completion);
    await push({
      delta: null,
      done: true,
      reply,
      usage: { promptTokens: usage.prompt, completionTokens: usage.completion, totalTokens: usage.prompt + usage.completion },
    });
  };

  const subscribe: FieldResolver = async (_parent, args, context) => {
    context.audit.inference.asked();
    const request = chatRequest({
      ...buildChatRequest(call, { args, parent: undefined, claims: context.caller.claims }),
      stream: true,
      stream_options: { include_usage: true },
    });
    await meter.admit(context);
    return new Repeater<ReplyEvent | ReplyFailure>(async (push, stop) => {
      const controller = new AbortController();
      void stop.then(() => controller.abort());
      try {
        await streamReply(request, context, controller.signal, push);
      } catch (error) {
        if (!controller.signal.aborted) await push(new ReplyFailure(error));
      }
      stop();
    });
  };

  const resolve: FieldResolver = (event) => {
    if (event instanceof ReplyFailure) throw event.error;
    return event;
  };

  return { subscribe, resolve };
}
