import { compiledField, type Connector } from '../Connector';
import { readSourceHeaders } from '../readSourceHeaders';
import { parseBaseURL } from '../parseBaseURL';
import { compileGraphqlField } from './compileGraphqlField';
import { createGraphqlResolver } from './createGraphqlResolver';

export const graphqlTypeDefs = /* GraphQL */ `
  input GraphqlSource {
    "The service's GraphQL endpoint, e.g. {env.REVIEWS_URL}."
    url: String!
    "Headers sent with every call, e.g. an API key from {env.REVIEWS_API_KEY}."
    headers: [TemplateHeader!]
  }

  "Delegates the field to a root field of a GraphQL source, with the selection the client asked for."
  directive @graphql(
    source: String!
    "The upstream's root field (of Query; of Mutation on a Mutation field). Default: this field's name."
    field: String
    "Arguments of the upstream field, as templates, e.g. { sku: \\"{parent.sku}\\" }. Default: this field's own arguments, by name."
    args: TemplateObject
  ) on FIELD_DEFINITION
`;

/** GraphQL services: `@source(graphql: {…})` and `@graphql`. */
export const graphqlConnector: Connector = {
  kind: 'graphql',
  typeDefs: graphqlTypeDefs,
  gatewayNames: ['graphql', 'GraphqlSource'],
  compileSource({ args, settings, coordinate, interpolate, problems }) {
    const url = interpolate(String(args['url']), 'url');
    const headers = readSourceHeaders(args, interpolate);
    if (url === undefined) return undefined;
    const endpoint = parseBaseURL(url);
    if (endpoint === undefined) {
      problems.add(coordinate, `url "${url}" is not an absolute http(s) URL`);
      return undefined;
    }
    return Object.freeze({ kind: 'graphql', ...settings, url: endpoint, headers: Object.freeze(headers) });
  },
  fieldDirectives: {
    graphql: (context, args) => compiledField(compileGraphqlField(context, args), createGraphqlResolver),
  },
};
