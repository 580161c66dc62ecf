import { SignJWT } from 'jose';

export interface TokenRequest {
  readonly secret: string;
  readonly subject: string;
  readonly scopes: readonly string[];
  /** jose duration, e.g. `1h`, `30m`, `7d`. */
  readonly ttl: string;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
}

/** Signs an HS256 token, as the gateway verifies them with JWT_SECRET (or the development secret). */
export function signToken(request: TokenRequest): Promise<string> {
  let jwt = new SignJWT({ scope: request.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.ttl);
  if (request.issuer) jwt = jwt.setIssuer(request.issuer);
  if (request.audience) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
