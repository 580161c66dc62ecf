import { GraphQLError } from 'graphql';
import { materializeResult } from '../../src/connectors/graphql/materializeResult';
import { parseGraphqlResponse, splitByAlias } from '../../src/connectors/graphql/parseGraphqlResponse';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { UpstreamRejectedError } from '../../src/errors/UpstreamRejectedError';
import { UpstreamUnavailableError } from '../../src/errors/UpstreamUnavailableError';
import { UpstreamResponse } from '../../src/http/UpstreamResponse';
import { thrownBy } from './thrownBy';

const answer = (body: unknown, status = 200) => new UpstreamResponse('lib', status, {}, Buffer.from(JSON.stringify(body)));

describe('parseGraphqlResponse and splitByAlias', () => {
  it('splits a batched answer by alias, each error to its key, relative to the key’s value', () => {
    const envelope = parseGraphqlResponse(
      answer({
        data: { _0: { title: 'A', author: null }, _1: null, _2: [{ n: 1 }] },
        errors: [
          { message: 'secret at /srv', path: ['_0', 'author'], extensions: { code: 'SEALED' } },
          { message: 'boom', path: ['_1'], extensions: { code: 'not a code!' } },
        ],
      }),
    );
    expect(splitByAlias(envelope, 3)).toEqual([
      { data: { title: 'A', author: null }, errors: [{ path: ['author'], upstreamCode: 'SEALED' }] },
      { data: null, errors: [{ path: [], upstreamCode: undefined }] },
      { data: [{ n: 1 }], errors: [] },
    ]);
  });

  it('fails the whole call on 5xx, on errors without data, and on a body that is not a GraphQL response', () => {
    expect(thrownBy(() => parseGraphqlResponse(answer({}, 502)))).toBeInstanceOf(UpstreamUnavailableError);
    const refused = thrownBy(() =>
      parseGraphqlResponse(answer({ errors: [{ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, 400)),
    );
    expect(refused).toBeInstanceOf(UpstreamRejectedError);
    expect(refused.message).toBe('Upstream "lib" refused the operation with HTTP 400');
    expect((refused as UpstreamRejectedError).extensions).toEqual({ upstreamCode: 'GRAPHQL_VALIDATION_FAILED' });
    expect(thrownBy(() => parseGraphqlResponse(answer([1, 2])))).toBeInstanceOf(UpstreamBadResponseError);
    expect(thrownBy(() => parseGraphqlResponse(answer({ data: 'yes' })))).toBeInstanceOf(UpstreamBadResponseError);
  });

  it('refuses an answer that leaves out a field it was asked for', () => {
    const envelope = parseGraphqlResponse(answer({ data: { _0: 1 } }));
    expect(thrownBy(() => splitByAlias(envelope, 2))).toBeInstanceOf(UpstreamBadResponseError);
  });
});

describe('materializeResult', () => {
  it('returns the data itself when there is no error', () => {
    const data = { title: 'A' };
    expect(materializeResult('lib', { data, errors: [] })).toBe(data);
  });

  it('places each error where it happened, or at the last position that has a value, without changing the result', () => {
    const result = {
      data: { items: [{ a: 1, b: null }, null], other: { deep: null } },
      errors: [
        { path: ['items', 0, 'b'], upstreamCode: 'X' },
        { path: ['items', 1, 'a'], upstreamCode: undefined },
        { path: ['other', 'deep', 'deeper'], upstreamCode: undefined },
      ],
    };
    const snapshot = JSON.stringify(result);
    const value = materializeResult('lib', result) as { items: [{ a: number; b: unknown }, unknown]; other: { deep: unknown } };
    expect(value.items[0].a).toBe(1);
    expect(value.items[0].b).toBeInstanceOf(GraphQLError);
    expect((value.items[0].b as GraphQLError).extensions).toEqual({
      code: 'UPSTREAM_REJECTED',
      source: 'lib',
      retryable: false,
      upstreamCode: 'X',
    });
    expect(value.items[1]).toBeInstanceOf(GraphQLError);
    expect(value.other.deep).toBeInstanceOf(GraphQLError);
    expect(JSON.stringify(result)).toBe(snapshot);
  });

  it('throws an error on the field itself', () => {
    const error = thrownBy(() => materializeResult('lib', { data: null, errors: [{ path: [], upstreamCode: 'GONE' }] }));
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['upstreamCode']).toBe('GONE');
  });
});
