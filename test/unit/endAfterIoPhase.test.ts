import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endAfterIoPhase } from '../../src/server/endAfterIoPhase';

/** A response that records when it is ended, and with what. */
function recordingResponse(name: string, ended: string[], destroyed = false): ServerResponse {
  return {
    destroyed,
    end: (body: string) => {
      ended.push(`${name}:${body}`);
    },
  } as unknown as ServerResponse;
}

const afterImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('endAfterIoPhase', () => {
  it('ends nothing at once, then every waiting response in the order given, in one turn', async () => {
    const ended: string[] = [];
    endAfterIoPhase(recordingResponse('a', ended), '1');
    endAfterIoPhase(recordingResponse('b', ended), '2');
    await Promise.resolve();
    process.nextTick(() => endAfterIoPhase(recordingResponse('c', ended), '3'));
    await new Promise((resolve) => process.nextTick(resolve));
    expect(ended).toEqual([]);
    await afterImmediate();
    expect(ended).toEqual(['a:1', 'b:2', 'c:3']);
  });

  it('skips a response whose client went away, and starts afresh for the next phase', async () => {
    const ended: string[] = [];
    endAfterIoPhase(recordingResponse('gone', ended, true), 'x');
    endAfterIoPhase(recordingResponse('here', ended), 'y');
    await afterImmediate();
    expect(ended).toEqual(['here:y']);
    endAfterIoPhase(recordingResponse('next', ended), 'z');
    expect(ended).toEqual(['here:y']);
    await afterImmediate();
    expect(ended).toEqual(['here:y', 'next:z']);
  });

  it('writes each body whole on its own connection', async () => {
    const server = createServer((request, response) => {
      const body = JSON.stringify({ path: request.url, text: 'é'.repeat(3000) });
      response.writeHead(200, ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(body))]);
      endAfterIoPhase(response, body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<unknown>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path, agent: false }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        })
          .on('error', reject)
          .end();
      });
    try {
      const paths = Array.from({ length: 20 }, (_, index) => `/r${index}`);
      const bodies = await Promise.all(paths.map(get));
      expect(bodies).toEqual(paths.map((path) => ({ path, text: 'é'.repeat(3000) })));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
