import { GraphQLError } from 'graphql';
import { BadUserInputError } from '../../src/errors/BadUserInputError';
import { MappingError } from '../../src/errors/MappingError';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { UpstreamRejectedError } from '../../src/errors/UpstreamRejectedError';
import { UpstreamTimeoutError } from '../../src/errors/UpstreamTimeoutError';
import { UpstreamUnavailableError } from '../../src/errors/UpstreamUnavailableError';
import { toGraphQLError } from '../../src/errors/toGraphQLError';

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
});
