import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import { errorCodes } from 'fastify';
import { parse as parseJsonSafely } from 'secure-json-parse';
import type { Logger } from 'pino';
import type { RequestContext } from '../execution/RequestContext';
import { endAfterIoPhase } from './endAfterIoPhase';
import { answerBodyError, type BodyErrorAnswer } from './requestBodyErrorHandler';

export interface GraphQLPostOptions {
  readonly apollo: ApolloServer<RequestContext>;
  /** The request's context, as the Fastify route builds it (throws to refuse the credentials). */
  readonly context: (clientAddress: string, headers: IncomingHttpHeaders) => Promise<RequestContext>;
  /** The client's address, as Fastify's `request.ip` names it under the same TRUST_PROXY. */
  readonly clientAddress: (request: IncomingMessage) => string;
  /** Headers every answer on this path carries (those Fastify's hooks add to a request without Origin). */
  readonly headers: readonly (readonly [string, string])[];
  /** True while draining: every answer then closes its connection, as on the Fastify route. */
  readonly draining: () => boolean;
  /** Runs the whole request, e.g. inside its trace span. */
  readonly around: <T>(headers: IncomingHttpHeaders, run: () => Promise<T>) => Promise<T>;
  readonly logger: Logger;
}

/** As Fastify's JSON parser refuses them: prototype poisoning is an invalid body. */
const PARSE_OPTIONS = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * Serves a plain GraphQL POST (isPlainGraphQLPost) on node:http straight through Apollo Server's
 * integration API, `executeHTTPGraphQLRequest`: the request pipeline, plugins, APQ, error
 * formatting and status codes are Apollo's, as on the Fastify route; only Fastify's routing,
 * hooks and reply machinery are left out, which is most of what a small query costs beyond
 * Apollo itself. The body is parsed as Fastify parses it, and a body Fastify would refuse gets
 * the answer its error handler gives.
 */
export function serveGraphQLPost(options: GraphQLPostOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { apollo, around, logger } = options;

  /** The answer's headers as one flat list, which Node writes without building a header object. */
  const headerList = (headers: Iterable<readonly [string, string]>): string[] => {
    const list: string[] = [];
    for (const [name, value] of options.headers) list.push(name, value);
    for (const [name, value] of headers) list.push(name, value);
    // A request that arrived before the drain began must not leave its keep-alive connection open.
    if (options.draining()) list.push('connection', 'close');
    return list;
  };

  const answer = (response: ServerResponse, status: number, headers: Iterable<readonly [string, string]>, body: string): void => {
    const list = headerList(headers);
    list.push('content-length', String(Buffer.byteLength(body)));
    response.writeHead(status, list);
    endAfterIoPhase(response, body);
  };

  const answerJson = (response: ServerResponse, { status, body }: BodyErrorAnswer): void =>
    answer(response, status, [['content-type', 'application/json; charset=utf-8']], JSON.stringify(body));

  const write = async (response: ServerResponse, { status, headers, body }: HTTPGraphQLResponse): Promise<void> => {
    if (body.kind === 'complete') return answer(response, status ?? 200, headers, body.string);
    response.writeHead(status ?? 200, headerList(headers));
    for await (const chunk of body.asyncIterator) response.write(chunk);
    response.end();
  };

  const execute = async (request: IncomingMessage, response: ServerResponse, text: string): Promise<void> => {
    const parsed = parseBody(text);
    if ('refused' in parsed) return answerJson(response, parsed.refused);
    const clientAddress = options.clientAddress(request);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: toHeaderMap(request.headers), search: '', body: parsed.body },
      context: () => options.context(clientAddress, request.headers),
    });
    await write(response, result);
  };

  return (request, response) => {
    // Most bodies arrive in one chunk: decoded once at the end, with no string decoder per request.
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    request.on('error', () => response.destroy());
    request.on('end', () => {
      const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      around(request.headers, () => execute(request, response, text)).catch((error: unknown) => {
        logger.error({ err: error }, 'graphql request failed outside Apollo Server');
        if (response.headersSent) {
          response.destroy();
          return;
        }
        answer(response, 500, [['content-type', 'application/json; charset=utf-8']], INTERNAL_ERROR_BODY);
      });
    });
  };
}

const INTERNAL_ERROR_BODY = JSON.stringify({
  errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
});

/** The body as Fastify's JSON parser reads it, or the answer to a body it refuses. */
function parseBody(text: string): { readonly body: unknown } | { readonly refused: BodyErrorAnswer } {
  const refusal = (error: { code: string; statusCode?: number; message: string }) => ({
    refused: answerBodyError(error) ?? GENERIC_REFUSAL,
  });
  if (text.length === 0) return refusal(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY());
  try {
    return { body: parseJsonSafely(text, undefined, PARSE_OPTIONS) as unknown };
  } catch {
    return refusal(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY());
  }
}

const GENERIC_REFUSAL: BodyErrorAnswer = {
  status: 400,
  body: { errors: [{ message: 'Bad request', extensions: { code: 'BAD_REQUEST' } }] },
};

/** Node's headers as Apollo reads them (a repeated header joined with ", ", as Fastify's integration does). */
function toHeaderMap(headers: IncomingHttpHeaders): HeaderMap {
  const map = new HeaderMap();
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || value === '') continue;
    map.set(name, typeof value === 'string' ? value : value.join(', '));
  }
  return map;
}
