import { request as undiciRequest, type Dispatcher } from 'undici';
import { UpstreamRejectedError } from '../../errors/UpstreamRejectedError';
import { UpstreamUnavailableError } from '../../errors/UpstreamUnavailableError';
import type { OAuth2ClientSettings } from '../../schema/SourceAuth';
import { basicAuthorization } from './basicAuthorization';

/** A token is renewed this long before it expires (or at 90 % of its life, if that comes first). */
const RENEW_BEFORE_MS = 30_000;
/** How long a token without `expires_in` is used. */
const DEFAULT_LIFETIME_MS = 60_000;
const TOKEN_TIMEOUT_MS = 10_000;

interface Token {
  readonly value: string;
  readonly renewAt: number;
}

/**
 * The gateway's own access token for one source, by the OAuth 2.0 client credentials grant
 * (RFC 6749 §4.4; the client authenticated with HTTP Basic, §2.3.1). The token is cached until
 * shortly before it expires; concurrent calls that need a new one share a single token request;
 * a token the upstream refused (401) is dropped so the next call fetches another. Neither the
 * client secret nor a token ever appears in an error.
 */
export class OAuth2ClientCredentials {
  #token: Token | undefined;
  #pending: Promise<Token> | undefined;

  constructor(
    readonly source: string,
    private readonly settings: OAuth2ClientSettings,
    private readonly dispatcher: Dispatcher,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid access token, fetched when there is none or it is about to expire. */
  async token(): Promise<string> {
    const current = this.#token;
    if (current !== undefined && this.now() < current.renewAt) return current.value;
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    const fresh = await this.#pending;
    this.#token = fresh;
    return fresh.value;
  }

  /** Forgets `value` if it is still the current token (the upstream answered 401 to it). */
  invalidate(value: string): void {
    if (this.#token?.value === value) this.#token = undefined;
  }

  async #fetch(): Promise<Token> {
    const { tokenURL, clientId, clientSecret, scopes, audience } = this.settings;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    if (audience !== undefined) form.set('audience', audience);
    const started = this.now();
    let status: number;
    let text: string;
    try {
      const response = await undiciRequest(tokenURL, {
        dispatcher: this.dispatcher,
        method: 'POST',
        headers: {
          authorization: basicAuthorization(clientId, clientSecret),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (cause) {
      throw new UpstreamUnavailableError(this.source, `Upstream "${this.source}": its token endpoint could not be reached`, { cause });
    }
    if (status >= 500)
      throw new UpstreamUnavailableError(this.source, `Upstream "${this.source}": its token endpoint failed with HTTP ${status}`, {
        status,
      });
    if (status >= 400) {
      // invalid_client, unauthorized_client, invalid_scope: the gateway's configuration, not worth retrying.
      throw new UpstreamRejectedError(
        this.source,
        `Upstream "${this.source}": its token endpoint refused the gateway's client credentials (HTTP ${status})`,
        { status },
      );
    }
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = {};
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new UpstreamUnavailableError(this.source, `Upstream "${this.source}": its token endpoint answered without an access_token`, {
        status,
      });
    }
    const lifetimeMs = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : DEFAULT_LIFETIME_MS;
    return { value: body.access_token, renewAt: started + Math.min(lifetimeMs - RENEW_BEFORE_MS, lifetimeMs * 0.9) };
  }
}
