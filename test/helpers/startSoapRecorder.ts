import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEnvelope {
  readonly path: string;
  readonly soapAction: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface SoapRecorder {
  readonly url: string;
  /** Every request received, in order. */
  readonly received: ReceivedEnvelope[];
  /** The requests received at one path. */
  at(path: string): ReceivedEnvelope[];
  close(): Promise<void>;
}

/** The answer to one call: an HTTP status and a body, e.g. an envelope as a real service sent it. */
export type SoapAnswer = (request: ReceivedEnvelope) => { readonly status: number; readonly body: string };

/**
 * A loopback HTTP server that records each SOAP request it receives (body, SOAPAction) and answers
 * per path, so a test can assert the envelope a service got and what the client made of the answer.
 */
export async function startSoapRecorder(answers: Readonly<Record<string, SoapAnswer>>): Promise<SoapRecorder> {
  const received: ReceivedEnvelope[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const envelope: ReceivedEnvelope = {
        path,
        soapAction: request.headers['soapaction']?.toString(),
        contentType: request.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(envelope);
      const answer = answers[path];
      const { status, body } = answer ? answer(envelope) : { status: 404, body: '' };
      response.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    at: (path) => received.filter((envelope) => envelope.path === path),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
