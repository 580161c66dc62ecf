import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** The answer to a request body refused before GraphQL saw it. */
export interface BodyErrorAnswer {
  readonly status: number;
  readonly body: { readonly errors: readonly [{ readonly message: string; readonly extensions: { readonly code: string } }] };
}

/**
 * A request body refused before GraphQL saw it (too large, not JSON, an unsupported content type)
 * answered with a GraphQL error body, so every client reads `errors` the same way whatever went
 * wrong: 413 `PAYLOAD_TOO_LARGE` for a body over `BODY_LIMIT_BYTES`, the parser's 4xx with
 * `BAD_REQUEST` otherwise. Undefined for any other error.
 */
export function answerBodyError(error: {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message: string;
}): BodyErrorAnswer | undefined {
  const status = error.statusCode ?? 500;
  if (!error.code?.startsWith('FST_ERR_CTP_') || status < 400 || status >= 500) return undefined;
  const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
  const message = tooLarge ? 'The request body is larger than this server accepts.' : error.message;
  return { status, body: { errors: [{ message, extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] } };
}

/** Fastify's error handler: body errors as answerBodyError says, anything else the default handler's. */
export function requestBodyErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const answer = answerBodyError(error);
  if (answer === undefined) {
    reply.send(error);
    return;
  }
  reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
}
