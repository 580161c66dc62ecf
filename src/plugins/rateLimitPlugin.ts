import type { ApolloServerPlugin } from '@apollo/server';
import { CallerRateLimitedError } from '../errors/CallerRateLimitedError';
import { toGraphQLError } from '../errors/toGraphQLError';
import type { RequestContext } from '../execution/RequestContext';
import type { CallerRateLimiter } from '../limits/createCallerRateLimiter';
import { operationCost } from '../limits/operationCost';

/**
 * Rate limits per caller — token subject, API-key owner, else client address — by what an
 * operation costs, not just by count. Over the limit: HTTP 429 with Retry-After and RATE_LIMITED,
 * before anything is executed.
 */
export function rateLimitPlugin(limiter: CallerRateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, contextValue }) {
          const { caller, clientAddress } = contextValue;
          const key = caller.subject !== undefined ? `${caller.via}:${caller.subject}` : `address:${clientAddress}`;
          const decision = await limiter.consume(key, operationCost(document, operationName));
          if (decision.allowed) return;
          throw toGraphQLError(new CallerRateLimitedError(decision.retryAfterSeconds));
        },
      };
    },
  };
}
