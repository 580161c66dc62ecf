import { randomUUID } from 'node:crypto';
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import WebSocket from 'ws';
import type { GraphQLResponse } from './startTestGateway';

/** What a subscription received, and ways to wait for more. */
export interface Recording {
  readonly results: GraphQLResponse[];
  /** Resolves once `count` results arrived (rejects after `timeoutMs`). */
  received(count: number, timeoutMs?: number): Promise<GraphQLResponse[]>;
  /** Resolves when the server completed the subscription (or it failed); the error, if any. */
  readonly ended: Promise<unknown>;
  stop(): void;
}

type Subscribe = (
  payload: { query: string; variables?: Record<string, unknown> },
  sink: { next(value: unknown): void; error(error: unknown): void; complete(): void },
) => () => void;

/** Subscribes with either client library and records what arrives. */
export function record(client: { subscribe: Subscribe }, query: string, variables?: Record<string, unknown>): Recording {
  const results: GraphQLResponse[] = [];
  const waiters = new Set<() => void>();
  let end!: (error: unknown) => void;
  const ended = new Promise<unknown>((resolve) => (end = resolve));
  const stop = client.subscribe(
    { query, ...(variables ? { variables } : {}) },
    {
      next: (value) => {
        results.push(value as GraphQLResponse);
        for (const waiter of waiters) waiter();
      },
      error: (error) => end(error),
      complete: () => end(undefined),
    },
  );
  return {
    results,
    ended,
    stop,
    received: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (results.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(results.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} result(s) within ${timeoutMs} ms, got ${JSON.stringify(results)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** A graphql-ws client of the gateway at `httpUrl`, sending `connectionParams` in connection_init. */
export function webSocketClient(httpUrl: string, connectionParams?: Record<string, string>): WsClient {
  return createWsClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(connectionParams ? { connectionParams } : {}),
  });
}

/** A graphql-sse client (distinct connections mode) of the gateway at `httpUrl`. */
export function sseClient(httpUrl: string, headers?: Record<string, string>): SseClient {
  return createSseClient({ url: `${httpUrl}/graphql`, retryAttempts: 0, ...(headers ? { headers } : {}) });
}

export interface SignedDelivery {
  readonly id?: string;
  /** Seconds since the epoch; now by default. */
  readonly timestamp?: number;
  readonly secret: string;
  /** Sent on a connection of its own, closed afterwards (so a cluster's primary hands it to the next worker). */
  readonly ownConnection?: boolean;
}

/** Posts one event to `/webhooks/<source>`, signed the Standard Webhooks way; the status and body. */
export async function postWebhook(
  httpUrl: string,
  source: string,
  event: { type: string; data: Record<string, unknown> },
  delivery: SignedDelivery,
): Promise<{ status: number; body: unknown; id: string }> {
  const id = delivery.id ?? `msg_${randomUUID()}`;
  const timestamp = delivery.timestamp ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify(event);
  const signature = new Webhook(delivery.secret).sign(id, new Date(timestamp * 1000), body);
  const headers = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };
  if (delivery.ownConnection) {
    const agent = new Agent();
    try {
      const response = await request(`${httpUrl}/webhooks/${source}`, { method: 'POST', headers, body, dispatcher: agent });
      return { status: response.statusCode, body: await response.body.json(), id };
    } finally {
      await agent.close();
    }
  }
  const response = await fetch(`${httpUrl}/webhooks/${source}`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json(), id };
}

/** Lets in-flight events arrive (or, when asserting that none does, gives them the time to). */
export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
