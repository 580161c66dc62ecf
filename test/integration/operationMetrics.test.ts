import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { BoundedLabels } from '../../src/observability/BoundedLabels';
import { startTestGateway, type TestGateway } from '../helpers/startTestGateway';

const SDL = `
  extend schema @source(name: "crm", rest: { baseURL: "{env.CRM_URL}" })
  enum Tier { GOLD SILVER BRONZE @deprecated(reason: "merged into SILVER") }
  type Query {
    customers(tier: Tier, region: String @deprecated(reason: "use tier")): [Customer] @rest(source: "crm", path: "/customers")
    broken: Customer @rest(source: "crm", path: "/broken")
  }
  type Customer { id: ID! name: String fullName: String @deprecated(reason: "use name") }
`;

describe('metrics per operation', () => {
  let crm: DemoUpstream;
  let gateway: TestGateway;
  beforeAll(async () => {
    crm = await startDemoUpstream('crm', (app) => {
      app.get('/customers', async () => [{ id: 'c1', name: 'Ada', fullName: 'Ada Lovelace' }]);
      app.get('/broken', async (_request, reply) => reply.code(503).send({}));
    });
    gateway = await startTestGateway({ typeDefs: [SDL], env: { CRM_URL: crm.url } });
  });
  afterAll(async () => {
    await gateway.close();
    await crm.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('counts operations by name and outcome, with their durations and errors by code', async () => {
    await post({ query: 'query Roster { customers { id name } }' });
    await post({ query: 'query Roster { customers { id name } }' });
    await post({ query: 'query Both { customers { id } broken { id } }' });
    await post({ query: '{ broken { id } }' });
    await post({ query: '{ nope }' });
    expect(await gateway.metric('tributary_operations_total', { operation: 'Roster', outcome: 'success' })).toBe(2);
    expect(await gateway.metric('tributary_operations_total', { operation: 'Both', outcome: 'partial' })).toBe(1);
    // (data with a null field and an error is partial, as in the audit log)
    expect(await gateway.metric('tributary_operations_total', { operation: '__anonymous', outcome: 'partial' })).toBe(1);
    expect(await gateway.metric('tributary_operations_total', { operation: '__invalid', outcome: 'error' })).toBe(1);
    expect(await gateway.metric('tributary_operation_errors_total', { operation: 'Both', code: 'UPSTREAM_UNAVAILABLE' })).toBe(1);
    expect(await gateway.metric('tributary_operation_errors_total', { operation: '__invalid', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    const exposition = await gateway.gateway.metrics.registry.metrics();
    expect(exposition).toContain('tributary_operation_duration_seconds_count{operation="Roster"} 2');
    expect(await gateway.metric('tributary_requests_in_flight')).toBe(0);
  });

  it('finds the clients still using deprecated fields, arguments and enum values', async () => {
    await post({ query: '{ customers(tier: BRONZE, region: "EU") { id fullName } }' }, { 'apollographql-client-name': 'partner-portal' });
    await post({ query: '{ customers { id fullName } }' });
    await post({ query: '{ customers(tier: GOLD) { id name } }' }, { 'apollographql-client-name': 'mobile' });
    const usage = async (coordinate: string, client: string) => gateway.metric('tributary_deprecated_usage_total', { coordinate, client });
    expect(await usage('Customer.fullName', 'partner-portal')).toBe(1);
    expect(await usage('Query.customers(region:)', 'partner-portal')).toBe(1);
    expect(await usage('Tier.BRONZE', 'partner-portal')).toBe(1);
    expect(await usage('Customer.fullName', '__unknown')).toBe(1);
    const all = await gateway.gateway.metrics.registry.getSingleMetric('tributary_deprecated_usage_total')?.get();
    expect(all?.values.some((value) => value.labels['client'] === 'mobile')).toBe(false);
  });
});

describe('BoundedLabels', () => {
  it('keeps the first values and counts the rest as __other', () => {
    const labels = new BoundedLabels(2);
    expect(['a', 'b', 'c', 'a', 'd', 'b'].map((value) => labels.label(value))).toEqual(['a', 'b', '__other', 'a', '__other', 'b']);
  });
});
