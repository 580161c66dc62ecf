import type { GraphQLRequestContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { RequestContext } from '../execution/RequestContext';
import type { ResponseSummary } from './responseOutcome';

/** A request whose response is about to be sent, with what it came to. */
export interface FinishedRequest {
  readonly requestContext: GraphQLRequestContextWillSendResponse<RequestContext>;
  /** Computed once for every observer. */
  readonly summary: ResponseSummary;
  /** From the start of Apollo's request pipeline to now. */
  readonly durationMs: number;
}

/**
 * One concern that watches every GraphQL request over HTTP (audit line, metrics, headers, …).
 * Observers are plain synchronous functions, run in order by one Apollo plugin
 * (`observeRequests`), so a request pays for one plugin's hooks however many observers there are.
 * An observer may change the response (a header, its status, an extension) but not refuse it.
 */
export interface RequestObserver {
  /** When Apollo starts the request, before parsing. */
  readonly requestStarted?: (requestContext: GraphQLRequestContext<RequestContext>) => void;
  /** Once, when the response is about to be sent (refusals and errors included). */
  readonly responseReady: (finished: FinishedRequest) => void;
}
