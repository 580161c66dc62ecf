import type { RequestObserver } from './RequestObserver';

/**
 * Sets `Cache-Control` from the policy the operation's plan computed once at compile time (see
 * `operationCachePolicy`), as Apollo's cache control plugin would from per-field hints, without
 * any per-field work: `max-age=N, public|private` for a cacheable answer with no errors, else
 * `no-store`.
 */
export function setCacheControlHeader(): RequestObserver {
  return {
    responseReady({ requestContext: { response, overallCachePolicy } }) {
      const cacheable = overallCachePolicy.policyIfCacheable();
      const body = response.body;
      const failed = body.kind !== 'single' || (body.singleResult.errors?.length ?? 0) > 0;
      response.http.headers.set(
        'cache-control',
        cacheable && !failed ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : 'no-store',
      );
    },
  };
}
