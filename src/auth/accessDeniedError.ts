import { AccessDeniedError } from '../errors/AccessDeniedError';
import type { AccessRule } from './AccessRule';
import { describeRequirement, type AccessDecision } from './checkAccess';

/** The error of a denied read: UNAUTHENTICATED or FORBIDDEN, saying what the rule requires. */
export function accessDeniedError(rule: AccessRule, decision: Extract<AccessDecision, { allowed: false }>): AccessDeniedError {
  const needs = describeRequirement(decision.requirement);
  const message =
    decision.code === 'UNAUTHENTICATED'
      ? `Sign in to read ${rule.coordinate}: it requires ${needs}`
      : `Not allowed to read ${rule.coordinate}: it requires ${needs}`;
  return new AccessDeniedError(decision.code, message);
}
