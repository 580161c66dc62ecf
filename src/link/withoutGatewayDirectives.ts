import { GraphQLSchema } from 'graphql';
import { GATEWAY_NAMES } from './directiveTypeDefs';

/** The served schema speaks of the API only: the configuration directives and their inputs go. */
export function withoutGatewayDirectives(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  return new GraphQLSchema({
    ...config,
    directives: config.directives.filter((directive) => !GATEWAY_NAMES.has(directive.name)),
    types: config.types.filter((type) => !GATEWAY_NAMES.has(type.name)),
  });
}
