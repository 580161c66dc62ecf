import Fastify, { type FastifyInstance } from 'fastify';

/** A request a demo upstream received, so tests and operators can count calls. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/customers?id=1&id=2`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A running demo upstream on a loopback port. */
export interface DemoUpstream {
  readonly name: string;
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a demo upstream: a Fastify app on 127.0.0.1 (port 0 picks a free one) that records every
 * request it gets.
 */
export async function startDemoUpstream(name: string, register: (app: FastifyInstance) => void, port = 0): Promise<DemoUpstream> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const requests: RecordedRequest[] = [];
  app.addHook('onRequest', async (request) => {
    requests.push({ method: request.method, url: request.url, headers: request.headers });
  });
  register(app);
  const address = await app.listen({ host: '127.0.0.1', port });
  return { name, url: address, requests, close: () => app.close() };
}
