import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { UpstreamTimeoutError } from '../../src/errors/UpstreamTimeoutError';
import { HttpTransport } from '../../src/http/HttpTransport';
import { UpstreamResponse } from '../../src/http/UpstreamResponse';
import { UpstreamStream, type StreamRequest } from '../../src/http/UpstreamStream';

/** A loopback server: `/stall` streams one chunk then goes silent, `/late` answers after 1 s, `/big` streams 64 KiB, `/busy` is 503. */
function startServer(): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/stall') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      return;
    }
    if (request.url === '/late') {
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: [DONE]\n\n'), 1_000).unref();
      return;
    }
    if (request.url === '/big') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let index = 0; index < 64; index += 1) response.write(`data: ${'x'.repeat(1018)}\n\n`);
      response.end();
      return;
    }
    response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"busy"}}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('HttpTransport.openStream', () => {
  let server: Server;
  let base: string;
  const transport = new HttpTransport();
  beforeAll(async () => {
    server = await startServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (path: string, overrides: Partial<StreamRequest> = {}): StreamRequest => ({
    source: 'model',
    method: 'POST',
    url: `${base}${path}`,
    headers: {},
    body: '{}',
    timeoutMs: 2_000,
    maxResponseBytes: 1024 * 1024,
    idempotent: false,
    idleTimeoutMs: 2_000,
    signal: new AbortController().signal,
    ...overrides,
  });

  async function drain(stream: UpstreamStream): Promise<{ bytes: number; error: unknown }> {
    let bytes = 0;
    try {
      for await (const chunk of stream.body) bytes += chunk.length;
    } catch (error) {
      return { bytes, error };
    }
    return { bytes, error: undefined };
  }

  it('ends a stream that goes silent for idleTimeoutMs with UPSTREAM_TIMEOUT, after what it sent', async () => {
    const started = Date.now();
    const opened = await transport.openStream(request('/stall', { idleTimeoutMs: 200 }));
    expect(opened).toBeInstanceOf(UpstreamStream);
    const { bytes, error } = await drain(opened as UpstreamStream);
    expect(bytes).toBe('data: first\n\n'.length);
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect((error as UpstreamTimeoutError).clientExtensions()).toMatchObject({ source: 'model', reason: 'stream_idle' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('bounds the wait for the answer to start by timeoutMs', async () => {
    await expect(transport.openStream(request('/late', { timeoutMs: 150 }))).rejects.toBeInstanceOf(UpstreamTimeoutError);
  });

  it('caps the streamed body at maxResponseBytes', async () => {
    const opened = await transport.openStream(request('/big', { maxResponseBytes: 16 * 1024 }));
    const { bytes, error } = await drain(opened as UpstreamStream);
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(bytes).toBeLessThanOrEqual(16 * 1024);
  });

  it('reads an answer that is not 2xx whole, for the connector to map', async () => {
    const opened = await transport.openStream(request('/busy'));
    expect(opened).toBeInstanceOf(UpstreamResponse);
    expect((opened as UpstreamResponse).status).toBe(503);
    expect((opened as UpstreamResponse).json()).toEqual({ error: { message: 'busy' } });
  });
});
