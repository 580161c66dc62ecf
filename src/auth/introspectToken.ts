import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { request as undiciRequest } from 'undici';
import type { JWTPayload } from 'jose';
import { basicAuthorization } from '../http/credentials/basicAuthorization';
import { AuthenticationError } from '../errors/AuthenticationError';
import { AuthUnavailableError } from '../errors/AuthUnavailableError';

export interface IntrospectionSettings {
  /** The authorization server's RFC 7662 endpoint. */
  readonly url: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Longest an answer is reused; never past the token's own `exp`. */
  readonly cacheSeconds: number;
}

/** Checks an opaque token; answers its claims, or throws why it is not accepted. */
export type Introspect = (token: string) => Promise<JWTPayload>;

interface Answer {
  /** The token's claims, or why it is refused. */
  readonly claims: JWTPayload | undefined;
  readonly until: number;
}

const TIMEOUT_MS = 5000;

/**
 * OAuth 2.0 token introspection (RFC 7662) for opaque bearer tokens: the gateway asks the
 * authorization server (authenticated with HTTP Basic) whether a token is active and for whom.
 * Answers are cached for `cacheSeconds` (at most until the token expires), keyed by the token's
 * sha256, so the token itself is not kept; concurrent checks of one token share a request. An
 * inactive token is 401; a server that cannot answer is 503 (the token may be fine).
 */
export function createIntrospector(settings: IntrospectionSettings, now: () => number = Date.now): Introspect {
  const answers = new LRUCache<string, Answer>({ max: 10_000 });
  const pending = new Map<string, Promise<Answer>>();
  const authorization = basicAuthorization(settings.clientId, settings.clientSecret);

  const ask = async (token: string): Promise<Answer> => {
    let status: number;
    let body: Record<string, unknown>;
    try {
      const response = await undiciRequest(settings.url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.statusCode;
      body = (await response.body.json().catch(() => ({}))) as Record<string, unknown>;
    } catch (cause) {
      throw new AuthUnavailableError('The token introspection endpoint cannot be reached', { cause });
    }
    if (status !== 200 || typeof body['active'] !== 'boolean')
      throw new AuthUnavailableError(`The token introspection endpoint answered HTTP ${status}`);
    const exp = typeof body['exp'] === 'number' ? body['exp'] * 1000 : Number.POSITIVE_INFINITY;
    const until = Math.min(now() + settings.cacheSeconds * 1000, exp);
    if (body['active'] !== true || exp <= now()) return { claims: undefined, until };
    return { claims: body, until };
  };

  return async (token) => {
    const key = createHash('sha256').update(token).digest('base64url');
    let answer = answers.get(key);
    if (answer === undefined || answer.until <= now()) {
      let asking = pending.get(key);
      if (asking === undefined) {
        asking = ask(token).finally(() => pending.delete(key));
        pending.set(key, asking);
      }
      answer = await asking;
      answers.set(key, answer);
    }
    if (answer.claims === undefined) throw new AuthenticationError('The token is not active');
    return answer.claims;
  };
}
