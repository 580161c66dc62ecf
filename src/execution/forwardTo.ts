import type { RequestContext } from './RequestContext';
import { withHeaders, type UpstreamRequest } from '../http/UpstreamRequest';
import type { SourceAuth } from '../schema/SourceAuth';

/**
 * The call with what its source takes from the caller's own request: the allowlisted client
 * headers, and the caller's bearer token as `Authorization` when the caller signed in with one
 * (an anonymous or API-key caller has none to pass on). Forwarded values are part of the call, so
 * of its coalescing and cache keys: callers never share an answer made with another's headers.
 */
export function forwardTo(request: UpstreamRequest, auth: SourceAuth | undefined, context: RequestContext): UpstreamRequest {
  if (auth === undefined || (auth.forwardHeaders.length === 0 && !auth.forwardCallerToken)) return request;
  const incoming = context.clientHeaders ?? {};
  const headers: Record<string, string> = { ...request.headers };
  for (const name of auth.forwardHeaders) {
    const value = incoming[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (auth.forwardCallerToken && context.caller.via === 'token') {
    const authorization = incoming['authorization'];
    if (typeof authorization === 'string' && /^bearer /i.test(authorization)) headers['authorization'] = authorization;
  }
  return withHeaders(request, headers);
}
