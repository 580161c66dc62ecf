import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import pino from 'pino';
import { hashApiKey } from '../../src/auth/hashApiKey';
import { LineCapture } from '../helpers/LineCapture';
import { startTestGateway, TEST_JWT_SECRET, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

type LogRecord = Record<string, unknown>;

const PARTNER_KEY = `tk_${randomBytes(24).toString('hex')}`;
const API_KEYS = JSON.stringify([{ sha256: hashApiKey(PARTNER_KEY), subject: 'partner-acme', scopes: ['orders:status'] }]);

describe('the audit log', () => {
  const capture = new LineCapture();
  /** Every credential sent in this file: none may ever reach a log line. */
  const credentials: string[] = [PARTNER_KEY];
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ logger: pino({ level: 'info' }, capture), authEnv: { API_KEYS } });
  });
  afterAll(() => gateway.close());

  async function token(subject: string, scopes: readonly string[] = []): Promise<Record<string, string>> {
    const value = await testToken(subject, scopes);
    credentials.push(value);
    return { authorization: `Bearer ${value}` };
  }

  /** Sends a request and returns its response with the audit lines logged meanwhile. */
  async function audited(
    query: string,
    options: { operationName?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: GraphQLResponse; audit: LogRecord[] }> {
    const before = capture.lines.length;
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify({ query, operationName: options.operationName }),
    });
    const body = (await response.json()) as GraphQLResponse;
    // The line is written before the response is sent; one turn of the event loop for good measure.
    await new Promise((resolve) => setImmediate(resolve));
    const records = capture.lines.slice(before).map((line) => JSON.parse(line) as LogRecord);
    return { status: response.status, body, audit: records.filter((record) => record['audit'] === true) };
  }

  it('writes one line per request naming the subject, the operation, the denied fields and the upstream calls', async () => {
    const { body, audit } = await audited(
      'query MyProfile { me { id orders { id } } customer(id: "2") { id } } query Other { products { sku } }',
      { operationName: 'MyProfile', headers: await token('1') },
    );
    expect(body.data?.['customer']).toBeNull();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      audit: true,
      channel: 'audit',
      level: 30,
      msg: 'graphql request',
      subject: '1',
      via: 'token',
      operationName: 'MyProfile',
      denied: ['customer'],
      upstreamCalls: { shop: 2 },
      outcome: 'partial',
    });
    expect(typeof audit[0]?.['durationMs']).toBe('number');
  });

  it('records a fully answered request as success, with nothing denied', async () => {
    const { body, audit } = await audited('query AgentView { customer(id: "1") { name orders { id } } }', {
      operationName: 'AgentView',
      headers: await token('agent-7', ['customers:read', 'orders:read']),
    });
    expect(body.errors).toBeUndefined();
    expect(audit).toEqual([
      expect.objectContaining({
        channel: 'audit',
        subject: 'agent-7',
        via: 'token',
        operationName: 'AgentView',
        denied: [],
        upstreamCalls: { shop: 2 },
        outcome: 'success',
      }),
    ]);
  });

  it('records an anonymous caller, and the operation name of an anonymous-operation query as null', async () => {
    const { audit } = await audited('{ products { sku } customer(id: "1") { id } }');
    expect(audit).toEqual([
      expect.objectContaining({
        subject: null,
        via: 'anonymous',
        operationName: null,
        denied: ['customer'],
        upstreamCalls: { shop: 1 },
        outcome: 'partial',
      }),
    ]);
  });

  it('names nested denied fields by their response path', async () => {
    const { audit } = await audited('query Nested { orders(first: 2) { id customer { id } } }', {
      operationName: 'Nested',
      headers: await token('agent-9', ['orders:read']),
    });
    expect(audit).toEqual([
      expect.objectContaining({
        subject: 'agent-9',
        denied: ['orders.0.customer', 'orders.1.customer'],
        upstreamCalls: { shop: 1 },
        outcome: 'partial',
      }),
    ]);
  });

  it('records an API key caller by its subject', async () => {
    const { body, audit } = await audited('query Track { orderStatus(id: "1001") }', {
      operationName: 'Track',
      headers: { 'x-api-key': PARTNER_KEY },
    });
    expect(body.data).toEqual({ orderStatus: 'PLACED' });
    expect(audit).toEqual([
      expect.objectContaining({
        subject: 'partner-acme',
        via: 'apiKey',
        operationName: 'Track',
        upstreamCalls: { shop: 1 },
        outcome: 'success',
      }),
    ]);
  });

  it('records a request that fails validation as an error', async () => {
    const { status, audit } = await audited('query Broken { nope }', { operationName: 'Broken' });
    // A well-formed request answered as application/json: 200 with the errors, as GraphQL over HTTP asks.
    expect(status).toBe(200);
    expect(audit).toEqual([
      // (operationName is what Apollo resolved from the document: none, as validation failed first.)
      expect.objectContaining({ channel: 'audit', via: 'anonymous', denied: [], upstreamCalls: {}, outcome: 'error' }),
    ]);
  });

  it('records a refused credential as unauthenticated, once', async () => {
    const expired = await new SignJWT({ sub: '1', scope: 'customers:read', exp: Math.floor(Date.now() / 1000) - 3600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    credentials.push(expired);
    const { status, audit } = await audited('query Sneaky { customer(id: "1") { id } }', {
      operationName: 'Sneaky',
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(status).toBe(401);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      audit: true,
      channel: 'audit',
      subject: null,
      via: 'rejected',
      denied: [],
      upstreamCalls: {},
      outcome: 'unauthenticated',
      reason: 'The token has expired',
    });
  });

  it('records an unknown API key as unauthenticated', async () => {
    const unknown = `tk_${randomBytes(24).toString('hex')}`;
    credentials.push(unknown);
    const { status, audit } = await audited('{ products { sku } }', { headers: { 'x-api-key': unknown } });
    expect(status).toBe(401);
    expect(audit).toEqual([expect.objectContaining({ outcome: 'unauthenticated', reason: 'The API key is not valid' })]);
  });

  it('never writes a token or an API key to any log line', async () => {
    const forged = await new SignJWT({ sub: '1', exp: Math.floor(Date.now() / 1000) + 300 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a-different-secret-of-32-characters-or-more'));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}.`;
    credentials.push(forged, unsigned);
    const valid = await token('1');
    for (const headers of [
      { authorization: `Bearer ${forged}` },
      { authorization: `Bearer ${unsigned}` },
      { authorization: `Basic ${PARTNER_KEY}` },
      { ...valid, 'x-api-key': PARTNER_KEY },
      { 'x-api-key': PARTNER_KEY },
      valid,
    ]) {
      await audited('{ me { id } }', { headers });
    }
    expect(capture.lines.length).toBeGreaterThan(10);
    for (const line of capture.lines) {
      for (const credential of credentials) expect(line).not.toContain(credential);
      // Nor the signature part alone, which is what makes a token usable.
      for (const credential of credentials) {
        const signature = credential.split('.')[2];
        if (signature) expect(line).not.toContain(signature);
      }
    }
  });
});
