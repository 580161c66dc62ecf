import { createHmac, randomBytes } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { hashApiKey } from '../../src/auth/hashApiKey';
import type { DemoUpstream } from '../../src/demo/DemoUpstream';
import { startDemoShop } from '../../src/demo/shop/startDemoShop';
import { callsDuring } from '../helpers/callCounter';
import { spawnMain } from '../helpers/spawnMain';
import { closedPortUrl, startJwksServer, type JwksServer } from '../helpers/startJwksServer';
import { startTestGateway, TEST_JWT_SECRET, testToken, type GraphQLResponse, type TestGateway } from '../helpers/startTestGateway';

const PARTNER_KEY = `tk_${randomBytes(24).toString('hex')}`;
const SHOP_KEY = 'auth-test-shop-key';
const API_KEYS = JSON.stringify([{ sha256: hashApiKey(PARTNER_KEY), subject: 'partner-acme', scopes: ['orders:status'] }]);
/** Public, so an anonymous caller would reach the shop: a refused request must not. */
const CATALOG = '{ products { sku } }';
const ME = '{ me { id } }';

const encoder = new TextEncoder();
const now = (): number => Math.floor(Date.now() / 1000);
const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 token with exactly these claims (nothing added), signed with `secret`. */
function hs256(claims: JWTPayload, secret: string | Uint8Array = TEST_JWT_SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(typeof secret === 'string' ? encoder.encode(secret) : secret);
}

interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly body: GraphQLResponse;
  readonly headers: Headers;
}

/** Posts a query and keeps the raw body, to check that no credential comes back in it. */
async function post(gateway: { readonly url: string }, query: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as GraphQLResponse, headers: response.headers };
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

function shopOf(gateway: TestGateway): DemoUpstream {
  if (!gateway.shop) throw new Error('demo shop not started');
  return gateway.shop;
}

/**
 * Sends a catalog query (public: an anonymous caller would get it) with these credentials and
 * expects the whole request refused with 401, nothing asked of the shop, and no credential echoed.
 */
async function expectRefused(gateway: TestGateway, headers: Record<string, string>, credential?: string): Promise<RawResponse> {
  let result!: RawResponse;
  const calls = await callsDuring(shopOf(gateway), async () => {
    result = await post(gateway, CATALOG, headers);
  });
  expect(result.status).toBe(401);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  expect(result.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  expect(calls).toEqual([]);
  if (credential !== undefined) expect(result.text).not.toContain(credential);
  return result;
}

/** Expects the token accepted: `me` answers the customer named by the token's subject. */
async function expectAccepted(gateway: TestGateway, token: string, subject = '1'): Promise<void> {
  const result = await post(gateway, ME, bearer(token));
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data).toEqual({ me: { id: subject } });
}

describe('authentication with HS256 tokens and API keys', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ authEnv: { API_KEYS } });
  });
  afterAll(() => gateway.close());

  it('serves an anonymous caller the public catalog', async () => {
    const result = await post(gateway, CATALOG);
    expect(result.status).toBe(200);
    expect((result.body.data?.['products'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('accepts a valid token', async () => {
    await expectAccepted(gateway, await testToken('1'));
  });

  it('refuses a token expired beyond the 30 s tolerance', async () => {
    const token = await hs256({ sub: '1', exp: now() - 60 });
    const result = await expectRefused(gateway, bearer(token), token);
    expect(result.body.errors?.[0]?.message).toBe('The token has expired');
  });

  it('still accepts a token that expired 10 s ago, within the tolerance', async () => {
    await expectAccepted(gateway, await hs256({ sub: '1', exp: now() - 10 }));
  });

  it('refuses a token whose nbf is in the future, and accepts one within the tolerance', async () => {
    const early = await hs256({ sub: '1', nbf: now() + 120, exp: now() + 600 });
    await expectRefused(gateway, bearer(early), early);
    await expectAccepted(gateway, await hs256({ sub: '1', nbf: now() + 10, exp: now() + 600 }));
  });

  it('refuses a token signed with another secret', async () => {
    const token = await hs256({ sub: '1', exp: now() + 300 }, 'another-secret-that-is-also-32-characters-long');
    const result = await expectRefused(gateway, bearer(token), token);
    expect(result.body.errors?.[0]?.message).toBe('The token signature is not valid');
  });

  it('refuses an unsigned token (alg: none), however the algorithm is spelled', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${base64url({ alg, typ: 'JWT' })}.${base64url({ sub: '1', scope: 'customers:read orders:read', exp: now() + 300 })}.`;
      await expectRefused(gateway, bearer(token), token);
    }
  });

  it('refuses an unsigned token that keeps the signature of a valid one', async () => {
    const valid = await testToken('1', ['customers:read']);
    const [, payload, signature] = valid.split('.');
    const token = `${base64url({ alg: 'none' })}.${payload}.${signature}`;
    await expectRefused(gateway, bearer(token), token);
  });

  it('refuses a token without exp', async () => {
    const token = await hs256({ sub: '1', iat: now() });
    const result = await expectRefused(gateway, bearer(token), token);
    expect(result.body.errors?.[0]?.message).toBe('The token\'s "exp" claim is not acceptable');
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const basic = Buffer.from('admin:hunter2-password').toString('base64');
    await expectRefused(gateway, { authorization: `Basic ${basic}` }, basic);
    const token = await testToken('1');
    await expectRefused(gateway, { authorization: token }, token);
    await expectRefused(gateway, { authorization: 'Bearer' });
  });

  it('refuses a token that is not a JWT', async () => {
    for (const garbage of ['not-a-jwt', 'aaaa.bbbb.cccc', `${base64url({ alg: 'HS256' })}.%%%.x`]) {
      await expectRefused(gateway, bearer(garbage), garbage);
    }
  });

  it('refuses a request carrying both a bearer token and an API key, even when both are valid', async () => {
    const token = await testToken('1');
    const result = await expectRefused(gateway, { ...bearer(token), 'x-api-key': PARTNER_KEY }, token);
    expect(result.text).not.toContain(PARTNER_KEY);
  });

  describe('API keys', () => {
    it('lets the partner key read an order status', async () => {
      const calls = await callsDuring(shopOf(gateway), async () => {
        const result = await post(gateway, '{ orderStatus(id: "1001") }', { 'x-api-key': PARTNER_KEY });
        expect(result.status).toBe(200);
        expect(result.body).toEqual({ data: { orderStatus: 'PLACED' } });
      });
      expect(calls.map((call) => call.url)).toEqual(['/orders/1001']);
    });

    it('does not let the partner key read the order itself', async () => {
      let result!: RawResponse;
      const calls = await callsDuring(shopOf(gateway), async () => {
        result = await post(gateway, '{ order(id: "1001") { id } }', { 'x-api-key': PARTNER_KEY });
      });
      expect(result.status).toBe(200);
      expect(result.body.data).toEqual({ order: null });
      expect(result.body.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['order'], 'FORBIDDEN']]);
      expect(calls).toEqual([]);
    });

    it('refuses an unknown API key with 401', async () => {
      const unknown = `tk_${randomBytes(24).toString('hex')}`;
      const result = await expectRefused(gateway, { 'x-api-key': unknown }, unknown);
      expect(result.body.errors?.[0]?.message).toBe('The API key is not valid');
      await expectRefused(gateway, { 'x-api-key': '' }, PARTNER_KEY);
      await expectRefused(gateway, { 'x-api-key': PARTNER_KEY.toUpperCase() }, PARTNER_KEY.toUpperCase());
    });
  });
});

describe('issuer and audience checks', () => {
  const ISSUER = 'https://id.example.test/';
  const AUDIENCE = 'tributary-api';
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ authEnv: { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } });
  });
  afterAll(() => gateway.close());
  const claims = (extra: JWTPayload): JWTPayload => ({ sub: '1', exp: now() + 300, ...extra });

  it('accepts a token from the configured issuer for the configured audience', async () => {
    await expectAccepted(gateway, await hs256(claims({ iss: ISSUER, aud: AUDIENCE })));
    await expectAccepted(gateway, await hs256(claims({ iss: ISSUER, aud: ['other-api', AUDIENCE] })));
  });

  it('refuses a wrong or missing issuer', async () => {
    for (const token of [
      await hs256(claims({ iss: 'https://evil.example.test/', aud: AUDIENCE })),
      await hs256(claims({ aud: AUDIENCE })),
    ]) {
      const result = await expectRefused(gateway, bearer(token), token);
      expect(result.body.errors?.[0]?.message).toBe('The token\'s "iss" claim is not acceptable');
    }
  });

  it('refuses a wrong or missing audience', async () => {
    for (const token of [await hs256(claims({ iss: ISSUER, aud: 'other-api' })), await hs256(claims({ iss: ISSUER }))]) {
      const result = await expectRefused(gateway, bearer(token), token);
      expect(result.body.errors?.[0]?.message).toBe('The token\'s "aud" claim is not acceptable');
    }
  });
});

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  /** The public key as published in the key set. */
  readonly jwk: JWK;
}

async function signingKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function signWith(key: SigningKey, claims: JWTPayload = { sub: '1' }, kid = key.kid): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid, typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

describe('RS256 and ES256 tokens verified against a JWKS endpoint', () => {
  let rsa: SigningKey;
  let ec: SigningKey;
  let jwks: JwksServer;
  let gateway: TestGateway;
  beforeAll(async () => {
    [rsa, ec] = await Promise.all([signingKey('RS256', 'rsa-1'), signingKey('ES256', 'ec-1')]);
    jwks = await startJwksServer([rsa.jwk, ec.jwk]);
    // Only the key set verifies tokens here: no HS256 secret.
    gateway = await startTestGateway({ authEnv: { JWT_SECRET: '', JWKS_URL: jwks.url } });
  });
  afterAll(async () => {
    await gateway.close();
    await jwks.close();
  });

  it('accepts a valid RS256 token', async () => {
    await expectAccepted(gateway, await signWith(rsa));
  });

  it('accepts a valid ES256 token', async () => {
    await expectAccepted(gateway, await signWith(ec, { sub: '2' }), '2');
  });

  it('reads scopes from an RS256 token', async () => {
    const result = await post(
      gateway,
      '{ orderStatus(id: "1001") }',
      bearer(await signWith(rsa, { sub: 'partner', scp: ['orders:status'] })),
    );
    expect(result.body).toEqual({ data: { orderStatus: 'PLACED' } });
  });

  it('refuses a token signed by a key that is not published under its kid', async () => {
    const impostor = await signingKey('RS256', 'rsa-1');
    const token = await signWith(impostor);
    const result = await expectRefused(gateway, bearer(token), token);
    expect(result.body.errors?.[0]?.message).toBe('The token signature is not valid');
  });

  it('refuses an expired RS256 token', async () => {
    const token = await new SignJWT({ sub: '1', exp: now() - 60 }).setProtectedHeader({ alg: 'RS256', kid: rsa.kid }).sign(rsa.privateKey);
    await expectRefused(gateway, bearer(token), token);
  });

  it('refuses an HS256 token signed with the public key as the HMAC secret (key confusion)', async () => {
    const pem = await exportSPKI(rsa.publicKey);
    for (const secret of [pem, `${pem}\n`, JSON.stringify(rsa.jwk), rsa.jwk.n ?? '']) {
      const token = await new SignJWT({ sub: '1', scope: 'customers:read', exp: now() + 300 })
        .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
        .sign(encoder.encode(secret));
      await expectRefused(gateway, bearer(token), token);
    }
  });

  it('refuses a token labelled RS256 whose signature is an HMAC keyed with the public key', async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const signingInput = `${base64url({ alg: 'RS256', kid: rsa.kid, typ: 'JWT' })}.${base64url({ sub: '1', exp: now() + 300 })}`;
    const token = `${signingInput}.${createHmac('sha256', pem).update(signingInput).digest('base64url')}`;
    await expectRefused(gateway, bearer(token), token);
  });

  it('refuses an RS256 token with an embedded jwk header naming its own key', async () => {
    const attacker = await signingKey('RS256', 'attacker');
    const token = await new SignJWT({ sub: '1', exp: now() + 300 })
      .setProtectedHeader({ alg: 'RS256', jwk: attacker.jwk })
      .sign(attacker.privateKey);
    await expectRefused(gateway, bearer(token), token);
  });
});

describe('signing key rotation', () => {
  let first: SigningKey;
  let next: SigningKey;
  let stranger: SigningKey;
  let jwks: JwksServer;
  let gateway: TestGateway;
  beforeAll(async () => {
    [first, next, stranger] = await Promise.all([
      signingKey('RS256', 'key-2024'),
      signingKey('ES256', 'key-2025'),
      signingKey('RS256', 'never-published'),
    ]);
    jwks = await startJwksServer([first.jwk]);
    gateway = await startTestGateway({ authEnv: { JWT_SECRET: '', JWKS_URL: jwks.url } });
  });
  afterAll(async () => {
    await gateway.close();
    await jwks.close();
  });

  it('accepts a token signed with a newly published key, refetching the key set once its cooldown passed', async () => {
    await expectAccepted(gateway, await signWith(first));
    expect(jwks.fetches()).toBe(1);

    // The identity provider publishes the next key before signing anything with it.
    jwks.publish(next.jwk);

    // An unknown kid within jose's 30 s cooldown does not refetch: random kids cannot make the
    // gateway hammer the identity provider.
    const unknown = await signWith(stranger);
    await expectRefused(gateway, bearer(unknown), unknown);
    expect(jwks.fetches()).toBe(1);

    // Past the cooldown (jose reads Date.now), the first token with the new kid refetches the set.
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000);
    try {
      await expectAccepted(gateway, await signWith(next));
      expect(jwks.fetches()).toBe(2);
      // Both keys are now known; the old one is still accepted without another fetch.
      await expectAccepted(gateway, await signWith(first));
      expect(jwks.fetches()).toBe(2);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('when the signing keys cannot be fetched', () => {
  let key: SigningKey;
  let down: TestGateway;
  let jwks: JwksServer;
  let broken: TestGateway;
  let shop: DemoUpstream;
  beforeAll(async () => {
    key = await signingKey('RS256', 'rsa-1');
    down = await startTestGateway({ authEnv: { JWT_SECRET: '', JWKS_URL: await closedPortUrl() } });
    jwks = await startJwksServer([key.jwk]);
    broken = await startTestGateway({ authEnv: { JWT_SECRET: '', JWKS_URL: jwks.url } });
    shop = await startDemoShop({ apiKey: SHOP_KEY });
  });
  afterAll(async () => {
    await down.close();
    await broken.close();
    await jwks.close();
    await shop.close();
  });

  function expectUnavailable(result: RawResponse, calls: readonly unknown[], token: string): void {
    expect(result.status).toBe(503);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors?.[0]?.extensions).toEqual({ code: 'AUTH_UNAVAILABLE', retryable: true });
    expect(calls).toEqual([]);
    expect(result.text).not.toContain(token);
  }

  async function askWith(gateway: TestGateway, token: string): Promise<{ result: RawResponse; calls: readonly unknown[] }> {
    let result!: RawResponse;
    const calls = await callsDuring(shopOf(gateway), async () => {
      result = await post(gateway, CATALOG, bearer(token));
    });
    return { result, calls };
  }

  it('answers 503 AUTH_UNAVAILABLE when the JWKS endpoint is down and no key is cached (the gateway as `npm start` runs it)', async () => {
    const token = await signWith(key);
    const main = spawnMain({ PORT: '0', JWKS_URL: await closedPortUrl(), SHOP_URL: shop.url, SHOP_API_KEY: SHOP_KEY });
    try {
      const [, url] = await main.waitFor(/serving (http:\/\/\S+)\/graphql/);
      const gateway = { url: String(url) };
      // Twice: a failed fetch is not remembered as "no keys".
      for (let attempt = 0; attempt < 2; attempt += 1) {
        let result!: RawResponse;
        const calls = await callsDuring(shop, async () => {
          result = await post(gateway, CATALOG, bearer(token));
        });
        expectUnavailable(result, calls, token);
      }
      // Anonymous callers are still served.
      expect((await post(gateway, CATALOG)).status).toBe(200);
      main.child.kill('SIGTERM');
      expect(await main.exited()).toBe(0);
      expect(main.stdout() + main.stderr()).not.toContain(token);
    } finally {
      main.child.kill('SIGKILL');
    }
  });

  it('answers 503 AUTH_UNAVAILABLE when the JWKS endpoint is down (in-process, under Jest)', async () => {
    const token = await signWith(key);
    const { result, calls } = await askWith(down, token);
    expectUnavailable(result, calls, token);
  });

  it('still serves anonymous callers while the key set is down', async () => {
    const result = await post(down, CATALOG);
    expect(result.status).toBe(200);
  });

  // jose reports an error status and a non-JSON body as a generic JOSEError: still 503, not 401.
  it('answers 503 when the JWKS endpoint answers an error status', async () => {
    jwks.answer('error');
    try {
      const token = await signWith(key);
      const { result, calls } = await askWith(broken, token);
      expectUnavailable(result, calls, token);
    } finally {
      jwks.answer('keys');
    }
  });

  it('answers 503 when the JWKS endpoint answers something that is not JSON', async () => {
    jwks.answer('garbage');
    try {
      const token = await signWith(key);
      const { result, calls } = await askWith(broken, token);
      expectUnavailable(result, calls, token);
    } finally {
      jwks.answer('keys');
    }
  });
});
