import { parseBaseURL } from '../parseBaseURL';
import { readSourceHeaders } from '../readSourceHeaders';
import { compiledField, type Connector } from '../Connector';
import { compileRestField } from './compileRestField';
import { createRestResolver } from './createRestResolver';

export const restTypeDefs = /* GraphQL */ `
  input RestSource {
    "Base URL; a path it carries is kept in front of every field's path."
    baseURL: String!
    "Headers sent with every call, e.g. an API key from {env.SHOP_API_KEY}."
    headers: [TemplateHeader!]
  }

  enum RestMethod {
    GET
    POST
    PUT
    PATCH
    DELETE
  }

  "Resolves the field with one HTTP call to a REST source. On an entity type (with @key), its reference resolver: templates read the representation as {key.…}."
  directive @rest(
    source: String!
    method: RestMethod = GET
    "Path template; each {…} value is encoded as one path segment."
    path: String!
    "Query parameters; a list value repeats the parameter."
    query: TemplateObject
    "JSON body template; a value that is exactly one {…} keeps its type."
    body: TemplateObject
    headers: [TemplateHeader!]
    "Query parameter that batches: N parents make one call with the parameter repeated, results matched back by this field."
    batchKey: String
    "Field of each returned item that holds the batch key, when it is named differently from batchKey."
    batchKeyField: String
    "Dot path to the data inside the response body, e.g. data.items."
    resultPath: String
    "Dot path into each result item to return, e.g. available."
    select: String
    "Whether the call may be sent twice and shared between callers (default: true for GET)."
    idempotent: Boolean
  ) on FIELD_DEFINITION | OBJECT
`;

/** HTTP/JSON upstreams: `@source(rest: {…})` and `@rest`. */
export const restConnector: Connector = {
  kind: 'rest',
  typeDefs: restTypeDefs,
  gatewayNames: ['rest', 'RestSource', 'RestMethod'],
  compileSource({ args, settings, coordinate, interpolate, problems }) {
    const baseURL = interpolate(String(args['baseURL']), 'baseURL');
    const headers = readSourceHeaders(args, interpolate);
    if (baseURL === undefined) return undefined;
    const url = parseBaseURL(baseURL);
    if (url === undefined) {
      problems.add(coordinate, `baseURL "${baseURL}" is not an absolute http(s) URL`);
      return undefined;
    }
    return Object.freeze({ kind: 'rest', ...settings, baseURL: url, headers: Object.freeze(headers) });
  },
  fieldDirectives: {
    rest: (context, args) => compiledField(compileRestField(context, args), createRestResolver),
  },
};
