import { decodeJwt } from 'jose';
import { startDemoUpstream, type DemoUpstream } from '../../src/demo/DemoUpstream';
import { startOAuthServer, type OAuthServer } from '../helpers/startOAuthServer';
import { startTestGateway, testToken, type TestGateway } from '../helpers/startTestGateway';

const CLIENT_ID = 'gateway-client';
const CLIENT_SECRET = 'gw-secret-0c1a7e9b';

const SDL = `
  extend schema
    @source(
      name: "crm"
      rest: { baseURL: "{env.CRM_URL}" }
      auth: { oauth2: { tokenURL: "{env.TOKEN_URL}", clientId: "{env.CRM_CLIENT_ID}", clientSecret: "{env.CRM_CLIENT_SECRET}", scopes: ["crm.read", "crm.list"], audience: "crm-api" } }
      retry: { attempts: 1 }
    )
    @source(name: "profile", rest: { baseURL: "{env.CRM_URL}" }, auth: { forwardCallerToken: true, forwardHeaders: ["accept-language"] })
  type Query {
    accounts: [Account] @rest(source: "crm", path: "/accounts")
    greeting: Greeting @rest(source: "profile", path: "/greeting") @cacheControl(maxAge: 60)
    secret: String @requiresScopes(scopes: [["orders:read"]]) @rest(source: "profile", path: "/secret", select: "value")
  }
  type Account { id: ID! }
  type Greeting { text: String! }
`;

describe('upstream credentials', () => {
  let oauth: OAuthServer;
  let crm: DemoUpstream;
  /** How many of the next /accounts calls answer 401. */
  let rejectAccounts = 0;

  const env = (secret = CLIENT_SECRET) => ({
    CRM_URL: crm.url,
    TOKEN_URL: `${oauth.url}/token`,
    CRM_CLIENT_ID: CLIENT_ID,
    CRM_CLIENT_SECRET: secret,
  });
  const authorizations = (path: string, since = 0) =>
    crm.requests
      .slice(since)
      .filter((request) => request.url === path)
      .map((request) => request.headers['authorization']);
  const tokensIssued = () => oauth.events.filter((event) => event.event === 'token').length;

  beforeAll(async () => {
    oauth = await startOAuthServer(CLIENT_ID, CLIENT_SECRET);
    crm = await startDemoUpstream('crm', (app) => {
      app.get('/accounts', async (request, reply) => {
        if (!String(request.headers['authorization'] ?? '').startsWith('Bearer ')) return reply.code(401).send({ error: 'no token' });
        if (rejectAccounts > 0) {
          rejectAccounts -= 1;
          return reply.code(401).send({ error: 'token expired' });
        }
        return [{ id: 'a1' }, { id: 'a2' }];
      });
      app.get('/greeting', async (request) => ({
        text: `${String(request.headers['accept-language'] ?? 'en')}:${request.headers['authorization'] ? decodeJwt(String(request.headers['authorization']).slice(7)).sub : 'nobody'}`,
      }));
      app.get('/secret', async () => ({ value: 'the vault code' }));
    });
  });
  afterAll(async () => {
    await crm.close();
    await oauth.close();
  });

  describe('OAuth 2.0 client credentials', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ typeDefs: [SDL], env: env() });
    });
    afterAll(() => gateway.close());

    it('asks for one token for concurrent calls, with the configured scopes and audience, and sends it', async () => {
      const before = crm.requests.length;
      const callers = await Promise.all(['u1', 'u2', 'u3', 'u4', 'u5'].map((subject) => testToken(subject)));
      const results = await Promise.all(
        callers.map((token) => gateway.query('{ accounts { id } }', { headers: { authorization: `Bearer ${token}` } })),
      );
      for (const result of results) expect(result.body).toEqual({ data: { accounts: [{ id: 'a1' }, { id: 'a2' }] } });
      expect(oauth.events.filter((event) => event.event === 'token')).toEqual([
        { event: 'token', grant: 'client_credentials', scope: 'crm.read crm.list', audience: 'crm-api' },
      ]);
      const sent = authorizations('/accounts', before);
      expect(sent.length).toBeGreaterThan(0);
      expect(new Set(sent).size).toBe(1);
      const claims = decodeJwt(String(sent[0]).slice('Bearer '.length));
      expect(claims.scope).toBe('crm.read crm.list');
      expect(claims.aud).toBe('crm-api');
    });

    it('reuses the cached token for later calls', async () => {
      const issued = tokensIssued();
      await gateway.query('{ accounts { id } }');
      expect(tokensIssued()).toBe(issued);
    });

    it('answers a 401 with one new token and one retry', async () => {
      const issued = tokensIssued();
      const before = crm.requests.length;
      rejectAccounts = 1;
      const result = await gateway.query('{ accounts { id } }');
      expect(result.body).toEqual({ data: { accounts: [{ id: 'a1' }, { id: 'a2' }] } });
      // The 401 dropped the token: a new one was asked for, and the call sent once more.
      expect(tokensIssued()).toBe(issued + 1);
      expect(authorizations('/accounts', before)).toHaveLength(2);
    });

    it("gives up after that one retry: the second 401 is the caller's error, naming the source", async () => {
      const before = crm.requests.length;
      rejectAccounts = 2;
      const result = await gateway.query('{ accounts { id } }');
      expect(result.body.data).toEqual({ accounts: null });
      expect(result.body.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({ code: 'UPSTREAM_REJECTED', source: 'crm', retryable: false }),
      );
      expect(authorizations('/accounts', before)).toHaveLength(2);
    });
  });

  it('reports a token endpoint that refuses the client as UPSTREAM_REJECTED, without the secret, and calls nothing', async () => {
    const gateway = await startTestGateway({ typeDefs: [SDL], env: env('wrong-secret-5d2f') });
    try {
      const before = crm.requests.length;
      const result = await gateway.query('{ accounts { id } }');
      expect(result.body.data).toEqual({ accounts: null });
      const error = result.body.errors?.[0];
      expect(error?.extensions).toEqual(expect.objectContaining({ code: 'UPSTREAM_REJECTED', source: 'crm' }));
      expect(JSON.stringify(result.body)).not.toContain('wrong-secret-5d2f');
      expect(crm.requests.length).toBe(before);
    } finally {
      await gateway.close();
    }
  });

  describe('forwarding what the caller sent', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ typeDefs: [SDL], env: env() });
    });
    afterAll(() => gateway.close());

    it("passes on the caller's bearer token and the allowed headers, caches per caller, and makes the response private", async () => {
      const alice = { authorization: `Bearer ${await testToken('alice')}`, 'accept-language': 'fr', 'x-secret-header': 'not for upstream' };
      const bob = { authorization: `Bearer ${await testToken('bob')}`, 'accept-language': 'de' };
      const before = crm.requests.length;
      const first = await gateway.query('{ greeting { text } }', { headers: alice });
      expect(first.body).toEqual({ data: { greeting: { text: 'fr:alice' } } });
      expect(first.headers.get('cache-control')).toBe('max-age=60, private');
      expect((await gateway.query('{ greeting { text } }', { headers: alice })).body).toEqual({ data: { greeting: { text: 'fr:alice' } } });
      expect((await gateway.query('{ greeting { text } }', { headers: bob })).body).toEqual({ data: { greeting: { text: 'de:bob' } } });
      const calls = crm.requests.slice(before).filter((request) => request.url === '/greeting');
      // Alice's second read came from her own cache entry; Bob got his own call.
      expect(calls).toHaveLength(2);
      expect(calls[0]?.headers['authorization']).toBe(alice.authorization);
      expect(calls[0]?.headers['x-secret-header']).toBeUndefined();
    });

    it('passes on no token for an anonymous caller', async () => {
      const result = await gateway.query('{ greeting { text } }', { headers: { 'accept-language': 'nl' } });
      expect(result.body).toEqual({ data: { greeting: { text: 'nl:nobody' } } });
    });
  });

  describe('opaque caller tokens checked by introspection (RFC 7662)', () => {
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({
        typeDefs: [SDL],
        env: env(),
        authEnv: {
          INTROSPECTION_URL: `${oauth.url}/introspect`,
          INTROSPECTION_CLIENT_ID: CLIENT_ID,
          INTROSPECTION_CLIENT_SECRET: CLIENT_SECRET,
        },
      });
    });
    afterAll(() => gateway.close());
    const introspections = () => oauth.events.filter((event) => event.event === 'introspect').length;

    it('accepts an active token with its subject and scopes, and asks once while the answer is cached', async () => {
      const before = introspections();
      const headers = { authorization: 'Bearer active-carol-orders:read,billing:read' };
      expect((await gateway.query('{ secret }', { headers })).body).toEqual({ data: { secret: 'the vault code' } });
      expect((await gateway.query('{ secret }', { headers })).body).toEqual({ data: { secret: 'the vault code' } });
      expect(introspections()).toBe(before + 1);
    });

    it('refuses an inactive token with 401, as any invalid token', async () => {
      const result = await gateway.query('{ secret }', { headers: { authorization: 'Bearer revoked-token-123' } });
      expect(result.status).toBe(401);
      expect(result.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });

    it('still verifies JWTs itself', async () => {
      const before = introspections();
      const result = await gateway.query('{ secret }', {
        headers: { authorization: `Bearer ${await testToken('dave', ['orders:read'])}` },
      });
      expect(result.body).toEqual({ data: { secret: 'the vault code' } });
      expect(introspections()).toBe(before);
    });
  });
});
