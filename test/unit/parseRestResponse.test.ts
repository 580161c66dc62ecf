import { matchBatch, parseRestResponse, selectResult } from '../../src/connectors/rest/parseRestResponse';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { UpstreamRejectedError } from '../../src/errors/UpstreamRejectedError';
import { UpstreamUnavailableError } from '../../src/errors/UpstreamUnavailableError';
import { UpstreamResponse } from '../../src/http/UpstreamResponse';
import { restPlan } from './restPlanFixture';
import { thrownBy } from './thrownBy';

const batchPlan = restPlan({ batch: { param: 'id', field: ['id'] } });

function answer(status: number, body: string): UpstreamResponse {
  return new UpstreamResponse('shop', status, { 'content-type': 'application/json' }, Buffer.from(body));
}

describe('parseRestResponse', () => {
  it('returns the parsed JSON body of a 200', () => {
    expect(parseRestResponse(restPlan(), answer(200, '{"id":"c1","name":"Ada"}'))).toEqual({ id: 'c1', name: 'Ada' });
  });

  it('reads the data at resultPath', () => {
    expect(parseRestResponse(restPlan({ resultPath: ['data', 'items'] }), answer(200, '{"data":{"items":[1,2]},"total":2}'))).toEqual([
      1, 2,
    ]);
  });

  it('returns null for an empty 204 answer', () => {
    expect(parseRestResponse(restPlan(), answer(204, ''))).toBeNull();
  });

  it('answers a 404 to a GET with null', () => {
    expect(parseRestResponse(restPlan(), answer(404, '{"error":"customer not found"}'))).toBeNull();
  });

  it('rejects a 404 to a call where not found is not null (e.g. a POST)', () => {
    const error = thrownBy(() => parseRestResponse(restPlan({ method: 'POST', notFoundIsNull: false }), answer(404, '{}')));
    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ code: 'UPSTREAM_REJECTED', status: 404, retryable: false });
  });

  it.each([400, 401, 403, 422, 429])('turns HTTP %i into a non-retryable UpstreamRejectedError', (status) => {
    const error = thrownBy(() => parseRestResponse(restPlan(), answer(status, '{"error":"secret detail"}')));
    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error).toMatchObject({ code: 'UPSTREAM_REJECTED', source: 'shop', status, retryable: false });
    expect(error.message).toBe(`Upstream "shop" rejected the call with HTTP ${status}`);
  });

  it.each([500, 502, 503, 504])('turns HTTP %i into a retryable UpstreamUnavailableError', (status) => {
    const error = thrownBy(() => parseRestResponse(restPlan(), answer(status, 'oops')));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'shop', status, retryable: true });
    expect(error.message).toBe(`Upstream "shop" failed with HTTP ${status}`);
  });

  it('turns a redirect into an UpstreamBadResponseError', () => {
    const error = thrownBy(() => parseRestResponse(restPlan(), answer(302, '')));
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 302, retryable: false });
    expect(error.message).toBe('Upstream "shop" answered with unexpected HTTP 302');
  });

  it('turns a body that is not JSON into an UpstreamBadResponseError', () => {
    const error = thrownBy(() => parseRestResponse(restPlan(), answer(200, '<html>secret</html>')));
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', source: 'shop', status: 200, retryable: false });
    expect(error.message).toBe('Upstream "shop" answered with a body that is not valid JSON');
  });

  it('returns the list a batched call answers with', () => {
    expect(parseRestResponse(batchPlan, answer(200, '[{"id":1}]'))).toEqual([{ id: 1 }]);
  });

  it('turns a batch answer that is not a list into an UpstreamBadResponseError', () => {
    const error = thrownBy(() => parseRestResponse(batchPlan, answer(200, '{"id":1}')));
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 200 });
    expect(error.message).toBe('Upstream "shop" answered a batched call with something other than a list');
  });

  it('checks the batch answer at resultPath', () => {
    expect(parseRestResponse({ ...batchPlan, resultPath: ['items'] }, answer(200, '{"items":[{"id":1}]}'))).toEqual([{ id: 1 }]);
    expect(() => parseRestResponse({ ...batchPlan, resultPath: ['items'] }, answer(200, '[{"id":1}]'))).toThrow(UpstreamBadResponseError);
  });

  // BUG: a batched field is always a GET, so notFoundIsNull is true and a 404 to the batched call
  // comes back as null. createRestResolver hands that to matchBatch as the item list, which throws
  // "TypeError: items is not iterable" — an untyped error the client sees as INTERNAL_SERVER_ERROR
  // instead of "no such item" (null per key).
  it('answers a 404 to a batched call with no item for any key', () => {
    const items = parseRestResponse(batchPlan, answer(404, '{"error":"not found"}'));
    expect(matchBatch(batchPlan, items as unknown[], ['1', '2'])).toEqual([null, null]);
  });
});

describe('selectResult', () => {
  const selecting = restPlan({ select: ['stock', 'available'] });

  it('reads the select path of one item', () => {
    expect(selectResult(selecting, { sku: 'S1', stock: { available: 4 } })).toBe(4);
  });

  it('reads the select path of every item of a list, missing ones as null', () => {
    expect(selectResult(selecting, [{ stock: { available: 4 } }, { stock: {} }, { stock: { available: 0 } }])).toEqual([4, null, 0]);
  });

  it('returns null when the item has no such property', () => {
    expect(selectResult(selecting, { sku: 'S1' })).toBeNull();
  });

  it('returns null for no data', () => {
    expect(selectResult(selecting, undefined)).toBeNull();
    expect(selectResult(restPlan(), undefined)).toBeNull();
  });

  it('returns the data unchanged without a select path', () => {
    const data = { id: 'c1' };
    expect(selectResult(restPlan(), data)).toBe(data);
  });
});

describe('matchBatch', () => {
  it('returns one item per key, in the order of the keys', () => {
    expect(matchBatch(batchPlan, [{ id: 'b' }, { id: 'a' }], ['a', 'b'])).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('returns null for a key no item carries', () => {
    expect(matchBatch(batchPlan, [{ id: 'a' }], ['a', 'zz'])).toEqual([{ id: 'a' }, null]);
  });

  it('matches numeric ids with string keys', () => {
    expect(matchBatch(batchPlan, [{ id: 7 }, { id: 8 }], ['8', '7'])).toEqual([{ id: 8 }, { id: 7 }]);
  });

  it('keeps the first item when a single-item field gets several for one key', () => {
    expect(
      matchBatch(
        batchPlan,
        [
          { id: 'a', n: 1 },
          { id: 'a', n: 2 },
        ],
        ['a'],
      ),
    ).toEqual([{ id: 'a', n: 1 }]);
  });

  it('gathers every item of a key for a list field, [] for a key with none', () => {
    const listPlan = restPlan({ batch: { param: 'customerId', field: ['customer_id'] }, returnsList: true });
    const items = [
      { id: 'o1', customer_id: 'c1' },
      { id: 'o2', customer_id: 'c2' },
      { id: 'o3', customer_id: 'c1' },
    ];
    expect(matchBatch(listPlan, items, ['c1', 'c3', 'c2'])).toEqual([[items[0], items[2]], [], [items[1]]]);
  });

  it('reads the key at a nested field path', () => {
    const nested = restPlan({ batch: { param: 'id', field: ['customer', 'id'] } });
    expect(matchBatch(nested, [{ customer: { id: 'c1' } }], ['c1'])).toEqual([{ customer: { id: 'c1' } }]);
  });

  it('skips items without a key', () => {
    expect(matchBatch(batchPlan, [{ name: 'no id' }, null, { id: null }, 'x'], ['null', 'undefined'])).toEqual([null, null]);
  });
});
