import type { ImportNotes } from './ImportNotes';
import { objectOf, stringOf, type ApiDocument, type JsonObject } from './OpenApiDocument';

export interface EnvVariable {
  readonly name: string;
  readonly description: string;
}

/** What the document's security schemes become on `@source`: headers and OAuth client credentials from env variables. */
export interface SourceSecurity {
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly oauth2:
    { readonly tokenURL: string; readonly clientId: string; readonly clientSecret: string; readonly scopes?: string[] } | undefined;
  readonly envVariables: readonly EnvVariable[];
}

/** `petstore-v2` → `PETSTORE_V2`, for env variable names. */
export function constantCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/**
 * Maps the schemes of the document's first security requirement (or, without one, its first
 * declared scheme): an API key header, HTTP bearer and basic as `@source` headers whose values come
 * from env variables; OAuth 2.0 client credentials as `auth.oauth2`. The rest is noted.
 */
export function mapSecurity(document: ApiDocument, sourceName: string, notes: ImportNotes): SourceSecurity {
  const prefix = constantCase(sourceName);
  const headers: { name: string; value: string }[] = [];
  const envVariables: EnvVariable[] = [];
  let oauth2: SourceSecurity['oauth2'];
  const declared = [...document.securitySchemes.keys()];
  const chosen = document.defaultSecurity.length > 0 ? document.defaultSecurity : declared.slice(0, 1);
  for (const name of declared.filter((scheme) => !chosen.includes(scheme))) {
    notes.add(`security scheme "${name}"`, `not configured: the @source uses ${chosen.map((scheme) => `"${scheme}"`).join(' and ')}`);
  }
  for (const name of chosen) {
    const scheme = document.securitySchemes.get(name);
    const where = `security scheme "${name}"`;
    if (!scheme) {
      notes.add(where, 'required by the document but not declared; not configured');
      continue;
    }
    const env = (suffix: string, description: string) => {
      const variable = `${prefix}_${constantCase(name)}${suffix}`;
      envVariables.push({ name: variable, description });
      return `{env.${variable}}`;
    };
    const type = stringOf(scheme, 'type');
    const location = stringOf(scheme, 'in');
    if (type === 'apiKey' && location === 'header') {
      const header = stringOf(scheme, 'name') ?? 'x-api-key';
      headers.push({ name: header, value: env('', `the API key sent as the ${header} header`) });
    } else if (type === 'http' && stringOf(scheme, 'scheme')?.toLowerCase() === 'bearer') {
      headers.push({ name: 'authorization', value: `Bearer ${env('_TOKEN', 'the bearer token sent as Authorization')}` });
    } else if (type === 'basic' || (type === 'http' && stringOf(scheme, 'scheme')?.toLowerCase() === 'basic')) {
      headers.push({
        name: 'authorization',
        value: `Basic ${env('_CREDENTIALS', 'base64 of user:password, sent as Authorization: Basic')}`,
      });
    } else if (type === 'oauth2' && clientCredentialsTokenUrl(scheme) !== undefined && oauth2 === undefined) {
      const tokenURL = clientCredentialsTokenUrl(scheme) ?? '';
      if (!/^https?:\/\//.test(tokenURL)) {
        notes.add(where, `its token URL "${tokenURL}" is not absolute; not configured`);
        continue;
      }
      oauth2 = {
        tokenURL,
        clientId: env('_CLIENT_ID', 'the OAuth 2.0 client id (client credentials grant)'),
        clientSecret: env('_CLIENT_SECRET', 'the OAuth 2.0 client secret'),
      };
    } else if (type === 'apiKey') {
      notes.add(where, `an API key sent in the ${location ?? 'unknown place'} cannot be set by @source (headers only); not configured`);
    } else {
      notes.add(
        where,
        `${type ?? 'unknown'} ${type === 'oauth2' ? '(not client credentials) ' : ''}is the caller's own login: consider @source(auth: { forwardCallerToken: true }); not configured`,
      );
    }
  }
  return { headers, oauth2, envVariables };
}

/** OpenAPI 3's `flows.clientCredentials.tokenUrl`, or Swagger 2.0's `flow: application`. */
function clientCredentialsTokenUrl(scheme: JsonObject): string | undefined {
  const flows = objectOf(scheme, 'flows');
  if (flows) {
    const flow = objectOf(flows, 'clientCredentials');
    return flow ? stringOf(flow, 'tokenUrl') : undefined;
  }
  return stringOf(scheme, 'flow') === 'application' ? stringOf(scheme, 'tokenUrl') : undefined;
}
