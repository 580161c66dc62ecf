import { hashApiKey } from '../../src/auth/hashApiKey';
import { loadAuthConfig } from '../../src/config/loadAuthConfig';
import { ConfigError } from '../../src/config/GatewayConfig';
import { thrownBy } from './thrownBy';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const HASH = hashApiKey('the-partner-key');

function problemsOf(env: Record<string, string | undefined>): string {
  const error = thrownBy(() => loadAuthConfig(env));
  expect(error).toBeInstanceOf(ConfigError);
  return error.message;
}

describe('loadAuthConfig', () => {
  it('fills in defaults', () => {
    const config = loadAuthConfig({});
    expect(config.jwtSecret).toBeUndefined();
    expect(config.jwksUrl).toBeUndefined();
    expect(config.issuer).toBeUndefined();
    expect(config.audience).toBeUndefined();
    expect(config.clockToleranceSeconds).toBe(30);
    expect(config.apiKeys.size).toBe(0);
  });

  it('reads every setting', () => {
    const config = loadAuthConfig({
      JWT_SECRET: SECRET,
      JWKS_URL: 'https://issuer.example.com/.well-known/jwks.json',
      JWT_ISSUER: 'https://issuer.example.com/',
      JWT_AUDIENCE: 'tributary',
      JWT_CLOCK_TOLERANCE_SECONDS: '5',
      API_KEYS: JSON.stringify([{ sha256: HASH, subject: 'partner-acme', scopes: ['orders:status'] }]),
    });
    expect(new TextDecoder().decode(config.jwtSecret)).toBe(SECRET);
    expect(config.jwksUrl?.href).toBe('https://issuer.example.com/.well-known/jwks.json');
    expect(config.issuer).toBe('https://issuer.example.com/');
    expect(config.audience).toBe('tributary');
    expect(config.clockToleranceSeconds).toBe(5);
    expect([...config.apiKeys]).toEqual([[HASH, { subject: 'partner-acme', scopes: ['orders:status'] }]]);
  });

  it('uses the fallback secret only when JWT_SECRET is not set', () => {
    const fallback = 'fallback-development-secret-0123456789';
    expect(new TextDecoder().decode(loadAuthConfig({}, fallback).jwtSecret)).toBe(fallback);
    expect(new TextDecoder().decode(loadAuthConfig({ JWT_SECRET: SECRET }, fallback).jwtSecret)).toBe(SECRET);
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    expect(problemsOf({ JWT_SECRET: 'short-secret' })).toContain('JWT_SECRET must be at least 32 characters');
    expect(problemsOf({ JWT_SECRET: 'x'.repeat(31) })).toContain('JWT_SECRET must be at least 32 characters');
    expect(new TextDecoder().decode(loadAuthConfig({ JWT_SECRET: 'x'.repeat(32) }).jwtSecret)).toBe('x'.repeat(32));
  });

  it.each(['abc', '-1', '301', '1.5', 'Infinity'])('refuses JWT_CLOCK_TOLERANCE_SECONDS=%s', (value) => {
    expect(problemsOf({ JWT_CLOCK_TOLERANCE_SECONDS: value })).toContain('JWT_CLOCK_TOLERANCE_SECONDS must be an integer from 0 to 300');
  });

  it('accepts the bounds of JWT_CLOCK_TOLERANCE_SECONDS', () => {
    expect(loadAuthConfig({ JWT_CLOCK_TOLERANCE_SECONDS: '0' }).clockToleranceSeconds).toBe(0);
    expect(loadAuthConfig({ JWT_CLOCK_TOLERANCE_SECONDS: '300' }).clockToleranceSeconds).toBe(300);
  });

  it('treats an empty JWT_CLOCK_TOLERANCE_SECONDS as unset, like the other settings', () => {
    expect(loadAuthConfig({ JWT_CLOCK_TOLERANCE_SECONDS: '' }).clockToleranceSeconds).toBe(30);
  });

  it('refuses a JWKS_URL that is not a URL', () => {
    expect(problemsOf({ JWKS_URL: 'not a url' })).toContain('JWKS_URL "not a url" is not a URL');
  });

  it('refuses API_KEYS that is not JSON, or not a list', () => {
    expect(problemsOf({ API_KEYS: '{oops' })).toContain('API_KEYS must be JSON');
    expect(problemsOf({ API_KEYS: '{"sha256": "x"}' })).toContain('API_KEYS must be a JSON list');
  });

  it('reports every problem of API_KEYS and the other settings together in one ConfigError', () => {
    const message = problemsOf({
      JWT_SECRET: 'too-short',
      JWT_CLOCK_TOLERANCE_SECONDS: 'soon',
      JWKS_URL: '::',
      API_KEYS: JSON.stringify([
        { sha256: HASH, subject: 'fine', scopes: [] },
        { sha256: HASH.toUpperCase(), subject: 'upper-case hash', scopes: [] },
        { sha256: 'abc', subject: 'short hash', scopes: [] },
        { sha256: HASH, subject: '', scopes: [] },
        { sha256: HASH, scopes: [] },
        { sha256: HASH, subject: 'scopes not strings', scopes: ['ok', 3] },
        { sha256: HASH, subject: 'scopes not a list', scopes: 'orders:read' },
        'not an object',
        null,
      ]),
    });
    const lines = message.split('\n').map((line) => line.trim());
    expect(lines).toEqual([
      'Invalid authentication settings:',
      'JWT_SECRET must be at least 32 characters',
      'JWKS_URL "::" is not a URL',
      'JWT_CLOCK_TOLERANCE_SECONDS must be an integer from 0 to 300',
      'API_KEYS[1].sha256 must be 64 lowercase hex characters (the SHA-256 of the key)',
      'API_KEYS[2].sha256 must be 64 lowercase hex characters (the SHA-256 of the key)',
      'API_KEYS[3].subject must be a non-empty string',
      'API_KEYS[4].subject must be a non-empty string',
      'API_KEYS[5].scopes must be a list of strings',
      'API_KEYS[6].scopes must be a list of strings',
      'API_KEYS[7].sha256 must be 64 lowercase hex characters (the SHA-256 of the key)',
      'API_KEYS[8].sha256 must be 64 lowercase hex characters (the SHA-256 of the key)',
    ]);
  });

  it('never echoes an API key hash or the secret in its messages', () => {
    const message = problemsOf({ JWT_SECRET: 'short-but-secret', API_KEYS: JSON.stringify([{ sha256: HASH, subject: '' }]) });
    expect(message).not.toContain('short-but-secret');
    expect(message).not.toContain(HASH);
  });
});
