import Negotiator from 'negotiator';
import type { RequestObserver } from './RequestObserver';

/** The media types Apollo Server answers a single result with, in its order of preference. */
const APPLICATION_JSON = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';

/** Errors of a well-formed request that the document or its variables caused: nothing was executed. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * Status codes as the GraphQL over HTTP specification asks: a client that accepts only
 * `application/json` (the legacy media type, which it reads whatever the status) gets 200 for
 * every well-formed request, including one whose document does not parse or validate or whose
 * variables do not coerce; Apollo answers those 400, which the specification keeps for
 * `application/graphql-response+json`. The media type is chosen as Apollo chooses it, so the
 * status always matches the `Content-Type` the client receives. Refusals that are not about the
 * document (401, 413, 429, 503) keep their status.
 */
export function graphqlOverHttpStatus(): RequestObserver {
  return {
    responseReady({ requestContext: { request, response } }) {
      if (response.http.status !== 400 || response.body.kind !== 'single') return;
      const { errors, data } = response.body.singleResult;
      if (data !== undefined || !errors?.length) return;
      if (!errors.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.['code'])))) return;
      if (answersApplicationJson(request.http?.headers.get('accept'))) response.http.status = 200;
    },
  };
}

/** Whether Apollo Server will answer `application/json` to this `Accept` header (as it does without one). */
function answersApplicationJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]) === APPLICATION_JSON;
}
