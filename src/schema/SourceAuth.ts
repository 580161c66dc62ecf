/** How a source's calls are authorized beyond its static headers (`@source(auth: {…})`). */
export interface SourceAuth {
  /** OAuth 2.0 client credentials: the gateway's own token for this source. */
  readonly oauth2: OAuth2ClientSettings | undefined;
  /** Client request headers passed on to the source, lower-cased names. */
  readonly forwardHeaders: readonly string[];
  /** The caller's own bearer token is passed on as `Authorization`. */
  readonly forwardCallerToken: boolean;
}

/** RFC 6749 §4.4, with the client authenticated by HTTP Basic (§2.3.1). Values interpolated from the environment. */
export interface OAuth2ClientSettings {
  readonly tokenURL: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  /** Sent as `audience` when set (Auth0, Okta and others ask for it). */
  readonly audience: string | undefined;
}

/** Whether calls to the source carry something of the caller's, so their answers belong to that caller. */
export function forwardsIdentity(auth: SourceAuth | undefined): boolean {
  return auth?.forwardCallerToken === true;
}
