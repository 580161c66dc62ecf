import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { endAfterIoPhase } from '../../src/server/endAfterIoPhase';

/** A response that records when it is ended, and with what. */
function recordingResponse(name: string, ended: string[], destroyed = false): ServerResponse {
  return {
    destroyed,
    socket: null,
    flushHeaders: () => undefined,
    end: (body: string) => {
      ended.push(`${name}:${body}`);
    },
  } as unknown as ServerResponse;
}

/** A long multi-byte body (written as two pieces), or a short one (joined to its head) for paths under /s. */
const textFor = (path: string) => (path.startsWith('/s') ? 'short' : 'é'.repeat(3000));

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

  it('writes each head and body whole on its own connection, pipelined requests included', async () => {
    const server = createServer((request, response) => {
      const body = JSON.stringify({ path: request.url, text: textFor(String(request.url)) });
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
      const paths = Array.from({ length: 20 }, (_, index) => (index % 4 === 0 ? `/s${index}` : `/r${index}`));
      const bodies = await Promise.all(paths.map(get));
      expect(bodies).toEqual(paths.map((path) => ({ path, text: textFor(path) })));
      // Three requests in one packet: Node answers them in order, each head before its body.
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            ['/p1', '/s2', '/p3']
              .map((path, index) => `GET ${path} HTTP/1.1\r\nHost: x\r\n${index === 2 ? 'Connection: close\r\n' : ''}\r\n`)
              .join(''),
          );
        });
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
      const answers = raw.split('HTTP/1.1 200 OK\r\n').slice(1);
      expect(answers.map((answer) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown)).toEqual(
        ['/p1', '/s2', '/p3'].map((path) => ({ path, text: textFor(path) })),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
