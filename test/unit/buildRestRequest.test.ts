import { buildRestRequest, withBatchKeys } from '../../src/connectors/rest/buildRestRequest';
import type { RestFieldPlan } from '../../src/connectors/rest/RestFieldPlan';
import { BadUserInputError } from '../../src/errors/BadUserInputError';
import type { UpstreamRequest } from '../../src/http/UpstreamRequest';
import { parseJsonTemplate } from '../../src/templates/JsonTemplate';
import { parseTemplate } from '../../src/templates/parseTemplate';
import type { TemplateScope } from '../../src/templates/renderTemplate';
import { restPlan as plan } from './restPlanFixture';
import { thrownBy } from './thrownBy';

const BASE = 'https://shop.example.com/api';

/** The fixture plan, on a base URL with a path and an API key header. */
function restPlan(options: Parameters<typeof plan>[0] = {}): RestFieldPlan {
  return plan({ source: { baseURL: BASE, headers: { 'x-api-key': 'k1' } }, ...options });
}

function urlFor(plan: RestFieldPlan, scope: TemplateScope): string {
  return buildRestRequest(plan, scope).request.url;
}

function refusal(plan: RestFieldPlan, scope: TemplateScope): Error {
  const error = thrownBy(() => buildRestRequest(plan, scope));
  expect(error).toBeInstanceOf(BadUserInputError);
  return error;
}

describe('buildRestRequest', () => {
  it('builds the whole call for a simple GET', () => {
    expect(buildRestRequest(restPlan({ path: ['customers', '{args.id}'] }), { args: { id: 'c1' } })).toStrictEqual({
      request: {
        source: 'shop',
        method: 'GET',
        url: `${BASE}/customers/c1`,
        headers: { 'x-api-key': 'k1', accept: 'application/json' },
        timeoutMs: 2000,
        maxResponseBytes: 4096,
        idempotent: true,
        // For traces only (the fixture's plan has no path text), never part of the call.
        kind: 'rest',
      },
      batchKeys: undefined,
    });
  });

  it('uses the base URL alone when the field has no path', () => {
    expect(urlFor(restPlan(), {})).toBe(BASE);
  });

  describe('path', () => {
    it('encodes a/b as one path segment', () => {
      expect(urlFor(restPlan({ path: ['customers', '{args.id}'] }), { args: { id: 'a/b' } })).toBe(`${BASE}/customers/a%2Fb`);
    });

    it('encodes ?, # and spaces so they stay in the segment', () => {
      expect(urlFor(restPlan({ path: ['customers', '{args.id}'] }), { args: { id: 'a b?c#d' } })).toBe(`${BASE}/customers/a%20b%3Fc%23d`);
    });

    it('keeps an already percent-encoded value encoded: %2e%2e becomes %252e%252e', () => {
      expect(urlFor(restPlan({ path: ['customers', '{args.id}'] }), { args: { id: '%2e%2e' } })).toBe(`${BASE}/customers/%252e%252e`);
    });

    it('writes a number value as its digits', () => {
      expect(urlFor(restPlan({ path: ['orders', '{parent.id}'] }), { parent: { id: 42 } })).toBe(`${BASE}/orders/42`);
    });

    it('combines literal text and a value within one segment', () => {
      expect(urlFor(restPlan({ path: ['files', '{args.id}.json'] }), { args: { id: 'x/y' } })).toBe(`${BASE}/files/x%2Fy.json`);
    });

    it.each(['.', '..'])('refuses %j, which URL normalisation would resolve away', (id) => {
      expect(refusal(restPlan({ path: ['customers', '{args.id}'] }), { args: { id } }).message).toBe(
        `Query.customer: "${id}" cannot be used as a path segment`,
      );
    });

    it('refuses two values that together make ".."', () => {
      expect(refusal(restPlan({ path: ['{args.a}{args.b}'] }), { args: { a: '.', b: '.' } }).message).toBe(
        'Query.customer: ".." cannot be used as a path segment',
      );
    });

    it('refuses an empty value, which would empty the segment', () => {
      expect(refusal(restPlan({ path: ['customers', '{args.id}'] }), { args: { id: '' } }).message).toBe(
        'Query.customer: "" cannot be used as a path segment',
      );
    });

    it('refuses a missing value', () => {
      expect(refusal(restPlan({ path: ['customers', '{args.id}'] }), { args: {} }).message).toBe(
        'Query.customer: {args.id} has no value for the upstream path',
      );
    });

    it('refuses a null value', () => {
      expect(refusal(restPlan({ path: ['orders', '{parent.id}'] }), { parent: { id: null } }).message).toBe(
        'Query.customer: {parent.id} has no value for the upstream path',
      );
    });

    it('refuses a list value', () => {
      expect(refusal(restPlan({ path: ['customers', '{args.id}'] }), { args: { id: ['a', 'b'] } }).message).toBe(
        'Query.customer: {args.id} has no value for the upstream path',
      );
    });
  });

  describe('query', () => {
    it('adds each parameter, encoded', () => {
      expect(
        urlFor(restPlan({ path: ['orders'], query: { q: '{args.q}', limit: '{args.first}' } }), { args: { q: 'a b&c', first: 20 } }),
      ).toBe(`${BASE}/orders?q=a+b%26c&limit=20`);
    });

    it('repeats a parameter once per item of a list value, leaving out null items', () => {
      expect(urlFor(restPlan({ query: { status: '{args.status}' } }), { args: { status: ['PAID', null, 'SHIPPED'] } })).toBe(
        `${BASE}?status=PAID&status=SHIPPED`,
      );
    });

    it('leaves out parameters whose value is null, missing or empty', () => {
      expect(
        urlFor(restPlan({ query: { a: '{args.a}', b: '{args.b}', c: '{args.c}', d: '{args.d}' } }), { args: { a: null, c: '', d: 0 } }),
      ).toBe(`${BASE}?d=0`);
    });

    it('adds no "?" when every parameter is left out', () => {
      expect(urlFor(restPlan({ path: ['orders'], query: { a: '{args.a}' } }), { args: {} })).toBe(`${BASE}/orders`);
    });
  });

  describe('batch', () => {
    const batched = restPlan({
      path: ['customers'],
      query: { id: '{parent.customer_id}', expand: '{args.expand}' },
      batch: { param: 'id', field: ['id'] },
    });

    it('extracts the batch parameter into batchKeys and leaves it out of the URL', () => {
      const { request, batchKeys } = buildRestRequest(batched, { parent: { customer_id: 7 }, args: { expand: 'orders' } });
      expect(request.url).toBe(`${BASE}/customers?expand=orders`);
      expect(batchKeys).toEqual(['7']);
    });

    it('takes every item of a list value as a key', () => {
      expect(buildRestRequest(batched, { parent: { customer_id: ['a', 'b'] } }).batchKeys).toEqual(['a', 'b']);
    });

    it('has no keys when the parent has no key value', () => {
      expect(buildRestRequest(batched, { parent: { customer_id: null } }).batchKeys).toEqual([]);
    });
  });

  describe('headers', () => {
    it('sends the source headers and each field header rendered', () => {
      const plan = restPlan({ headers: [{ name: 'x-tenant', value: parseTemplate('{claims.tenant}') }] });
      expect(buildRestRequest(plan, { claims: { tenant: 't9' } }).request.headers).toStrictEqual({
        'x-api-key': 'k1',
        'x-tenant': 't9',
        accept: 'application/json',
      });
    });

    it('lets a field header replace a source header of the same name', () => {
      const plan = restPlan({ headers: [{ name: 'x-api-key', value: parseTemplate('{claims.key}') }] });
      expect(buildRestRequest(plan, { claims: { key: 'k2' } }).request.headers['x-api-key']).toBe('k2');
    });

    it('leaves out a field header whose value is missing or empty', () => {
      const plan = restPlan({
        headers: [
          { name: 'x-a', value: parseTemplate('{claims.a}') },
          { name: 'x-b', value: parseTemplate('{claims.b}') },
        ],
      });
      expect(buildRestRequest(plan, { claims: { b: '' } }).request.headers).toStrictEqual({
        'x-api-key': 'k1',
        accept: 'application/json',
      });
    });

    it('writes a number header value as text', () => {
      const plan = restPlan({ headers: [{ name: 'x-page', value: parseTemplate('{args.page}') }] });
      expect(buildRestRequest(plan, { args: { page: 3 } }).request.headers['x-page']).toBe('3');
    });

    it('keeps an accept header the source sets', () => {
      const plan = restPlan({ source: { ...restPlan().source, headers: { accept: 'application/hal+json' } } });
      expect(buildRestRequest(plan, {}).request.headers).toStrictEqual({ accept: 'application/hal+json' });
    });

    it('does not change the source headers shared by every call', () => {
      const plan = restPlan({ headers: [{ name: 'x-tenant', value: parseTemplate('{claims.tenant}') }], body: parseJsonTemplate({}) });
      buildRestRequest(plan, { claims: { tenant: 't9' } });
      expect(plan.source.headers).toStrictEqual({ 'x-api-key': 'k1' });
    });
  });

  describe('body', () => {
    it('sends a rendered JSON body with a JSON content type', () => {
      const plan = restPlan({
        method: 'POST',
        idempotent: false,
        path: ['orders'],
        body: parseJsonTemplate({ customerId: '{args.customerId}', quantity: '{args.qty}', note: '{args.note}' }),
      });
      const { request } = buildRestRequest(plan, { args: { customerId: 'c1', qty: 2 } });
      expect(request.body).toBe('{"customerId":"c1","quantity":2}');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.method).toBe('POST');
    });

    it('sends neither body nor content type without a body template', () => {
      const { request } = buildRestRequest(restPlan(), {});
      expect('body' in request).toBe(false);
      expect(request.headers['content-type']).toBeUndefined();
    });
  });

  it.each([true, false])('carries idempotent: %s', (idempotent) => {
    expect(buildRestRequest(restPlan({ method: 'PUT', idempotent }), {}).request.idempotent).toBe(idempotent);
  });
});

describe('withBatchKeys', () => {
  const request: UpstreamRequest = {
    source: 'shop',
    method: 'GET',
    url: `${BASE}/customers`,
    headers: { accept: 'application/json' },
    timeoutMs: 2000,
    maxResponseBytes: 4096,
    idempotent: true,
  };

  it('appends the parameter once per key', () => {
    expect(withBatchKeys(request, 'id', ['1', '2'])).toStrictEqual({ ...request, url: `${BASE}/customers?id=1&id=2` });
  });

  it('appends after existing query parameters', () => {
    expect(withBatchKeys({ ...request, url: `${BASE}/customers?expand=orders` }, 'id', ['1', '2']).url).toBe(
      `${BASE}/customers?expand=orders&id=1&id=2`,
    );
  });

  it('encodes the keys', () => {
    expect(withBatchKeys(request, 'id', ['a&b', 'c d']).url).toBe(`${BASE}/customers?id=a%26b&id=c+d`);
  });

  it('leaves the request it was given unchanged', () => {
    withBatchKeys(request, 'id', ['1']);
    expect(request.url).toBe(`${BASE}/customers`);
  });
});
