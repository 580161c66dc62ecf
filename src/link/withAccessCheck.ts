import { responsePathAsArray } from 'graphql';
import type { FieldResolver } from '../execution/FieldResolver';
import { accessDeniedError } from '../auth/accessDeniedError';
import type { AccessRule } from '../auth/AccessRule';
import { checkAccess } from '../auth/checkAccess';

/**
 * Guards a resolver with its field's access rule. A denied field resolves to null with an
 * UNAUTHENTICATED or FORBIDDEN error at its path, and the guarded resolver (with any upstream
 * call) never runs; the rest of the query still answers.
 */
export function withAccessCheck(rule: AccessRule, resolve: FieldResolver): FieldResolver {
  return (parent, args, context, info) => {
    const decision = checkAccess(rule, context.caller, { args, parent, claims: context.caller.claims });
    // What only some callers may read is never cached for everyone: the operation's plan makes
    // any response that reaches a protected field private (operationCachePolicy).
    if (decision.allowed) return resolve(parent, args, context, info);
    context.audit.deny(responsePathAsArray(info.path).join('.'));
    throw accessDeniedError(rule, decision);
  };
}
