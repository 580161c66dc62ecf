import { timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { Caller } from './Caller';
import { ANONYMOUS } from './Caller';
import type { AuthConfig } from './AuthConfig';
import { AuthenticationError } from '../errors/AuthenticationError';
import { AuthUnavailableError } from '../errors/AuthUnavailableError';
import { hashApiKey } from './hashApiKey';
import { createIntrospector } from './introspectToken';
import { readScopes } from './readScopes';

export type Authenticate = (headers: Readonly<Record<string, string | string[] | undefined>>) => Promise<Caller>;

const ASYMMETRIC = ['RS256', 'ES256'];

/**
 * Builds the function that turns a request's credentials into a Caller. No credentials make an
 * anonymous caller; credentials that are present but not acceptable throw `AuthenticationError`
 * (HTTP 401), never a silent downgrade to anonymous.
 *
 * jose is only as strict as its options: algorithms are pinned per key type (so an HS256 token
 * can never be checked against a public key, and `alg: none` is never accepted), `exp` is
 * required, and issuer/audience are checked when configured.
 */
export function createAuthenticator(config: AuthConfig): Authenticate {
  const jwks = config.jwksUrl
    ? createRemoteJWKSet(config.jwksUrl, { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 })
    : undefined;
  const common: JWTVerifyOptions = {
    clockTolerance: config.clockToleranceSeconds,
    requiredClaims: ['exp'],
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };

  const introspect = config.introspection ? createIntrospector(config.introspection) : undefined;

  async function verifyToken(token: string): Promise<JWTPayload> {
    // A JWT has three dot-separated parts; anything else is an opaque token for the introspection endpoint.
    if (introspect !== undefined && token.split('.').length !== 3) return introspect(token);
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthenticationError('The bearer token is not a JWT');
    }
    try {
      if (alg === 'HS256' && config.jwtSecret) {
        return (await jwtVerify(token, config.jwtSecret, { ...common, algorithms: ['HS256'] })).payload;
      }
      if (alg !== undefined && ASYMMETRIC.includes(alg) && jwks) {
        return (await jwtVerify(token, jwks, { ...common, algorithms: ASYMMETRIC })).payload;
      }
    } catch (error) {
      throw describeJoseError(error);
    }
    throw new AuthenticationError(`Tokens signed with ${alg ?? 'no algorithm'} are not accepted`);
  }

  return async (headers) => {
    const authorization = single(headers['authorization']);
    const apiKey = single(headers['x-api-key']);
    if (authorization !== undefined && apiKey !== undefined) {
      throw new AuthenticationError('Send either a bearer token or an API key, not both');
    }
    if (apiKey !== undefined) return callerForApiKey(config, apiKey);
    if (authorization === undefined) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw new AuthenticationError('The Authorization header must be "Bearer <token>"');
    const claims = await verifyToken(match[1]);
    return Object.freeze({
      authenticated: true,
      subject: typeof claims.sub === 'string' ? claims.sub : undefined,
      claims: Object.freeze({ ...claims }),
      scopes: readScopes(claims),
      via: 'token',
    });
  };
}

function callerForApiKey(config: AuthConfig, key: string): Caller {
  const hash = hashApiKey(key);
  for (const [stored, grant] of config.apiKeys) {
    // Constant-time comparison of the hashes, so response timing says nothing about stored keys.
    if (timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(hash, 'hex'))) {
      return Object.freeze({
        authenticated: true,
        subject: grant.subject,
        claims: Object.freeze({ sub: grant.subject, scope: grant.scopes.join(' ') }),
        scopes: new Set(grant.scopes),
        via: 'apiKey',
      });
    }
  }
  throw new AuthenticationError('The API key is not valid');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function describeJoseError(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new AuthenticationError('The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new AuthenticationError(`The token's "${error.claim}" claim is not acceptable`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthenticationError('The token signature is not valid');
  if (error instanceof errors.JOSEAlgNotAllowed) return new AuthenticationError('The token algorithm is not accepted');
  if (error instanceof errors.JWKSNoMatchingKey) return new AuthenticationError('The token was signed with an unknown key');
  if (error instanceof errors.JWKSInvalid) return new AuthUnavailableError('The published signing keys are not valid', { cause: error });
  // The key set could not be fetched (network failure, timeout, an error status or a body that is
  // not JSON — jose reports the last two as a generic JOSEError): the token may well be valid, so
  // this is 503, not 401. The check avoids `instanceof Error`, which fails across realms.
  if (
    error instanceof errors.JWKSTimeout ||
    !(error instanceof errors.JOSEError) ||
    (error as { code?: unknown }).code === 'ERR_JOSE_GENERIC'
  ) {
    return new AuthUnavailableError('The signing keys cannot be fetched right now', { cause: error });
  }
  return new AuthenticationError('The token is not valid');
}
