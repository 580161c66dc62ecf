import { startDemoUpstream, type DemoUpstream } from '../DemoUpstream';
import { registerAssistantRoutes, type AssistantCall } from './registerAssistantRoutes';
import type { AssistantStreams } from './streamChatCompletion';

export interface DemoAssistant extends DemoUpstream {
  /** Every call it answered, with its JSON body (e.g. the texts of an embeddings call). */
  readonly calls: AssistantCall[];
  /** How its streamed answers ended (completed, or aborted by the client). */
  readonly streams: AssistantStreams;
}

/**
 * Starts the demo assistant, a small deterministic model behind an OpenAI-compatible API, on a
 * loopback port. Its API root (what `baseURL` points at) is `${url}/v1`.
 */
export async function startDemoAssistant(options: { apiKey: string; port?: number }): Promise<DemoAssistant> {
  const calls: AssistantCall[] = [];
  const streams: AssistantStreams = { completed: 0, aborted: 0 };
  const upstream = await startDemoUpstream(
    'assistant',
    (app) => registerAssistantRoutes(app, options.apiKey, calls, streams),
    options.port,
  );
  return Object.assign(upstream, { calls, streams });
}
