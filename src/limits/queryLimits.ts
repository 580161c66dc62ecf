import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import type { LimitsConfig } from './LimitsConfig';

/**
 * Apollo Server leaves depth, alias, directive, token and cost limits to the application:
 * graphql-armor supplies them as validation rules and plugins. An operation over a limit is
 * refused before execution (no upstream is called) with GRAPHQL_VALIDATION_FAILED or BAD_USER_INPUT.
 */
export function queryLimits(limits: LimitsConfig): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Tokens are limited by graphql-js's own parser (parseOptions.maxTokens in createGateway):
    // armor's token plugin hooks a parsing event Apollo Server 5 does not let it fail.
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, flattenFragments: true },
    // Suggestions ("Did you mean …?") are taken out of every error message by formatError, at no
    // cost to requests without errors (armor's plugin would add hooks to every request).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules };
}
