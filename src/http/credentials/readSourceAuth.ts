import { isRecord, optionalBoolean, optionalString } from '../../schema/readArgs';
import type { ProblemList } from '../../schema/SchemaProblem';
import type { SourceAuth } from '../../schema/SourceAuth';

/** Headers the gateway sets itself or that describe the client's connection: never forwarded. */
const NOT_FORWARDABLE = new Set([
  'authorization',
  'cookie',
  'host',
  'content-length',
  'content-type',
  'connection',
  'transfer-encoding',
  'x-api-key',
]);

/**
 * `@source(auth: { oauth2: {…}, forwardHeaders: […], forwardCallerToken })`, values interpolated
 * from the environment. Undefined when the source declares none.
 */
export function readSourceAuth(
  args: Record<string, unknown>,
  coordinate: string,
  interpolate: (text: string, what: string) => string | undefined,
  problems: ProblemList,
): SourceAuth | undefined {
  const auth = args['auth'];
  if (!isRecord(auth)) return undefined;
  const forwardHeaders = (Array.isArray(auth['forwardHeaders']) ? auth['forwardHeaders'] : []).map((name) => String(name).toLowerCase());
  for (const name of forwardHeaders) {
    if (NOT_FORWARDABLE.has(name)) {
      problems.add(
        coordinate,
        `auth.forwardHeaders cannot pass on "${name}"${name === 'authorization' ? ": use forwardCallerToken: true for the caller's bearer token" : ''}`,
      );
    }
  }
  const forwardCallerToken = optionalBoolean(auth, 'forwardCallerToken') ?? false;
  let oauth2: SourceAuth['oauth2'];
  const settings = auth['oauth2'];
  if (isRecord(settings)) {
    if (forwardCallerToken)
      problems.add(coordinate, "auth: use either oauth2 (the gateway's own token) or forwardCallerToken (the caller's), not both");
    const read = (key: string) => interpolate(optionalString(settings, key) ?? '', `auth.oauth2.${key}`);
    const tokenURL = read('tokenURL');
    const clientId = read('clientId');
    const clientSecret = read('clientSecret');
    const audience = optionalString(settings, 'audience');
    if (tokenURL !== undefined && !/^https?:\/\//.test(tokenURL))
      problems.add(coordinate, `auth.oauth2.tokenURL "${tokenURL}" is not an absolute http(s) URL`);
    if (tokenURL !== undefined && clientId !== undefined && clientSecret !== undefined) {
      oauth2 = Object.freeze({
        tokenURL,
        clientId,
        clientSecret,
        scopes: Object.freeze((Array.isArray(settings['scopes']) ? settings['scopes'] : []).map(String)),
        audience: audience === undefined ? undefined : interpolate(audience, 'auth.oauth2.audience'),
      });
    }
  }
  return Object.freeze({ oauth2, forwardHeaders: Object.freeze(forwardHeaders), forwardCallerToken });
}
