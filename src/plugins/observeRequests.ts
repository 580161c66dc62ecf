import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../execution/RequestContext';
import type { RequestObserver } from './RequestObserver';
import { summarizeResponse } from './responseOutcome';

/**
 * The one Apollo plugin behind every request observer: one `requestDidStart` and one
 * `willSendResponse` per request, whatever the number of observers, and the response summarized
 * once for all of them. Observers run in the order given.
 */
export function observeRequests(observers: readonly RequestObserver[]): ApolloServerPlugin<RequestContext> {
  const starters = observers.flatMap((observer) => (observer.requestStarted ? [observer.requestStarted] : []));
  return {
    async requestDidStart(requestContext) {
      const startedAt = performance.now();
      for (const started of starters) started(requestContext);
      return {
        async willSendResponse(sent) {
          const finished = { requestContext: sent, summary: summarizeResponse(sent), durationMs: performance.now() - startedAt };
          for (const observer of observers) observer.responseReady(finished);
        },
      };
    },
  };
}
