import { GraphQLError } from 'graphql';
import type { AccessRule } from './AccessRule';
import { describeRequirement, type AccessDecision } from './checkAccess';

/** The error of a denied read: UNAUTHENTICATED or FORBIDDEN, saying what the rule requires. */
export function accessDeniedError(rule: AccessRule, decision: Extract<AccessDecision, { allowed: false }>): GraphQLError {
  const needs = describeRequirement(decision.requirement);
  const message =
    decision.code === 'UNAUTHENTICATED'
      ? `Sign in to read ${rule.coordinate}: it requires ${needs}`
      : `Not allowed to read ${rule.coordinate}: it requires ${needs}`;
  return new GraphQLError(message, { extensions: { code: decision.code, retryable: false } });
}
