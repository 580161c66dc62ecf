import { GraphQLError } from 'graphql';
import { BadUserInputError } from '../../src/errors/BadUserInputError';
import { MappingError } from '../../src/errors/MappingError';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { UpstreamRejectedError } from '../../src/errors/UpstreamRejectedError';
import { UpstreamTimeoutError } from '../../src/errors/UpstreamTimeoutError';
import { UpstreamUnavailableError } from '../../src/errors/UpstreamUnavailableError';
import { toGraphQLError } from '../../src/errors/toGraphQLError';
import { AccessDeniedError } from '../../src/errors/AccessDeniedError';
import { AuthenticationError } from '../../src/errors/AuthenticationError';
import { AuthUnavailableError } from '../../src/errors/AuthUnavailableError';
import { CallerRateLimitedError } from '../../src/errors/CallerRateLimitedError';
import { TrustedDocumentRefusedError } from '../../src/errors/TrustedDocumentRefusedError';
import { errorForStatus } from '../../src/errors/errorForStatus';

function graphQLErrorOf(error: unknown): GraphQLError {
  const mapped = toGraphQLError(error);
  if (!(mapped instanceof GraphQLError)) throw new Error(`expected a GraphQLError, got ${String(mapped)}`);
  return mapped;
}

const secretCause = new Error('connect ECONNREFUSED 10.0.0.7:8443 token=s3cret');

describe('toGraphQLError', () => {
  it('maps UpstreamTimeoutError to UPSTREAM_TIMEOUT, retryable, without a status', () => {
    const original = new UpstreamTimeoutError('shop', 2000, { cause: secretCause });
    const mapped = graphQLErrorOf(original);
    expect(mapped.message).toBe('Upstream "shop" did not answer within 2000 ms');
    expect(mapped.extensions).toStrictEqual({ code: 'UPSTREAM_TIMEOUT', source: 'shop', retryable: true });
    expect(mapped.originalError).toBe(original);
  });

  it('maps UpstreamUnavailableError to UPSTREAM_UNAVAILABLE, retryable, with its status', () => {
    const mapped = graphQLErrorOf(new UpstreamUnavailableError('shop', 'Upstream "shop" failed with HTTP 503', { status: 503 }));
    expect(mapped.message).toBe('Upstream "shop" failed with HTTP 503');
    expect(mapped.extensions).toStrictEqual({ code: 'UPSTREAM_UNAVAILABLE', source: 'shop', status: 503, retryable: true });
  });

  it('maps UpstreamRejectedError to UPSTREAM_REJECTED, not retryable, with its status', () => {
    const mapped = graphQLErrorOf(new UpstreamRejectedError('crm', 'Upstream "crm" rejected the call with HTTP 401', { status: 401 }));
    expect(mapped.extensions).toStrictEqual({ code: 'UPSTREAM_REJECTED', source: 'crm', status: 401, retryable: false });
  });

  it('maps UpstreamBadResponseError to UPSTREAM_BAD_RESPONSE, not retryable', () => {
    const mapped = graphQLErrorOf(new UpstreamBadResponseError('shop', 'bad body', { status: 200 }));
    expect(mapped.extensions).toStrictEqual({ code: 'UPSTREAM_BAD_RESPONSE', source: 'shop', status: 200, retryable: false });
  });

  it('adds the extra extensions of an upstream error, which cannot override code, source or retryable', () => {
    const original = new UpstreamBadResponseError('soap', 'fault', {
      extensions: { faultCode: 'soap:Server', code: 'SPOOFED', source: 'other', retryable: true },
    });
    expect(graphQLErrorOf(original).extensions).toStrictEqual({
      faultCode: 'soap:Server',
      code: 'UPSTREAM_BAD_RESPONSE',
      source: 'soap',
      retryable: false,
    });
  });

  it('maps BadUserInputError to BAD_USER_INPUT, not retryable', () => {
    const mapped = graphQLErrorOf(new BadUserInputError('Query.customer: ".." cannot be used as a path segment'));
    expect(mapped.message).toBe('Query.customer: ".." cannot be used as a path segment');
    expect(mapped.extensions).toStrictEqual({ code: 'BAD_USER_INPUT', retryable: false });
  });

  it('maps MappingError to UPSTREAM_BAD_RESPONSE, not retryable', () => {
    const mapped = graphQLErrorOf(new MappingError('"31/02/2024" is not a date in format DD/MM/YYYY'));
    expect(mapped.extensions).toStrictEqual({ code: 'UPSTREAM_BAD_RESPONSE', retryable: false });
  });

  it('never puts the cause into the message', () => {
    const mapped = graphQLErrorOf(new UpstreamUnavailableError('shop', 'Upstream "shop" could not be reached', { cause: secretCause }));
    expect(mapped.message).toBe('Upstream "shop" could not be reached');
    expect(JSON.stringify(mapped.toJSON())).not.toContain('s3cret');
  });

  it('returns a GraphQLError unchanged', () => {
    const error = new GraphQLError('already mapped', { extensions: { code: 'X' } });
    expect(toGraphQLError(error)).toBe(error);
  });

  it('returns an unknown error unchanged', () => {
    const error = new TypeError('items is not iterable');
    expect(toGraphQLError(error)).toBe(error);
    expect(toGraphQLError('a string')).toBe('a string');
  });

  it('maps an access denial to its code, with no HTTP refusal: only the field is null', () => {
    const mapped = toGraphQLError(new AccessDeniedError('FORBIDDEN', 'Not allowed to read Query.secret'));
    expect(mapped.extensions).toStrictEqual({ code: 'FORBIDDEN', retryable: false });
  });

  it('gives errors that refuse the whole request their HTTP status and headers', () => {
    const limited = toGraphQLError(new CallerRateLimitedError(7));
    expect(limited.message).toBe('Rate limit exceeded: try again in 7 s');
    expect(limited.extensions['retryAfterSeconds']).toBe(7);
    expect(limited.extensions['retryable']).toBe(true);
    const http = limited.extensions['http'] as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('7');

    const refused = toGraphQLError(new AuthenticationError('The token has expired'));
    expect(refused.extensions['code']).toBe('UNAUTHENTICATED');
    const refusedHttp = refused.extensions['http'] as { status: number; headers: Map<string, string> };
    expect(refusedHttp.status).toBe(401);
    expect(refusedHttp.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');

    expect(toGraphQLError(new AuthUnavailableError('keys down')).extensions).toMatchObject({
      code: 'AUTH_UNAVAILABLE',
      retryable: true,
      http: { status: 503 },
    });
    expect(toGraphQLError(new TrustedDocumentRefusedError('QUERY_NOT_IN_SAFELIST', 'not listed')).extensions).toMatchObject({
      code: 'QUERY_NOT_IN_SAFELIST',
      retryable: false,
      http: { status: 400 },
    });
  });
});

describe('errorForStatus', () => {
  it.each([
    [503, 'UPSTREAM_UNAVAILABLE', true, 'Upstream "shop" failed with HTTP 503'],
    [500, 'UPSTREAM_UNAVAILABLE', true, 'Upstream "shop" failed with HTTP 500'],
    [404, 'UPSTREAM_REJECTED', false, 'Upstream "shop" rejected the call with HTTP 404'],
    [401, 'UPSTREAM_REJECTED', false, 'Upstream "shop" rejected the call with HTTP 401'],
    [304, 'UPSTREAM_BAD_RESPONSE', false, 'Upstream "shop" answered with unexpected HTTP 304'],
    [101, 'UPSTREAM_BAD_RESPONSE', false, 'Upstream "shop" answered with unexpected HTTP 101'],
  ])('maps HTTP %i to %s', (status, code, retryable, message) => {
    const error = errorForStatus('shop', status);
    expect(error).toMatchObject({ code, retryable, message, status, source: 'shop' });
  });

  it('has nothing to say about a 2xx', () => {
    expect(errorForStatus('shop', 200)).toBeUndefined();
    expect(errorForStatus('shop', 204)).toBeUndefined();
  });
});
