import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

export interface JwksServer {
  /** The key set's URL, e.g. `http://127.0.0.1:1234/jwks.json`. */
  readonly url: string;
  /** Times the key set was fetched. */
  fetches(): number;
  /** Adds a key to the published set. */
  publish(key: JWK): void;
  /** What the endpoint answers: the key set, a 500, or a body that is not JSON. */
  answer(mode: 'keys' | 'error' | 'garbage'): void;
  close(): Promise<void>;
}

/** A loopback JSON Web Key Set endpoint, as an identity provider publishes its signing keys. */
export async function startJwksServer(keys: readonly JWK[] = []): Promise<JwksServer> {
  const published: JWK[] = [...keys];
  let mode: 'keys' | 'error' | 'garbage' = 'keys';
  let fetches = 0;
  const server = createServer((request, response) => {
    if (request.url !== '/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    fetches += 1;
    if (mode === 'error') {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('identity provider is down');
    } else if (mode === 'garbage') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('<html>maintenance</html>');
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    fetches: () => fetches,
    publish: (key) => published.push(key),
    answer: (next) => (mode = next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // jose fetches with Node's keep-alive agent: idle connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** A loopback URL nothing listens on: a server was started there and closed again. */
export async function closedPortUrl(path = '/jwks.json'): Promise<string> {
  const server = await startJwksServer();
  const url = new URL(path, server.url).href;
  await server.close();
  return url;
}
