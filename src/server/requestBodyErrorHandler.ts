import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Answers a request whose body Fastify refused before GraphQL saw it (too large, not JSON, an
 * unsupported content type) with a GraphQL error body, so every client reads `errors` the same
 * way whatever went wrong: 413 `PAYLOAD_TOO_LARGE` for a body over `BODY_LIMIT_BYTES`, the
 * parser's 4xx with `BAD_REQUEST` otherwise. Anything else is the default handler's.
 */
export function requestBodyErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 500;
  if (!error.code?.startsWith('FST_ERR_CTP_') || status < 400 || status >= 500) {
    reply.send(error);
    return;
  }
  const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
  const message = tooLarge ? 'The request body is larger than this server accepts.' : error.message;
  reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] });
}
