import type { Caller } from './Caller';
import { renderTemplate, stringifyScalar, type TemplateScope } from '../templates/renderTemplate';
import type { AccessRequirement, AccessRule } from './AccessRule';

export type AccessDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN'; readonly requirement: AccessRequirement };

const ALLOWED: AccessDecision = Object.freeze({ allowed: true });

/** Decides whether a caller may read a field. Pure: the caller, the rule and the field's arguments/parent. */
export function checkAccess(rule: AccessRule, caller: Caller, scope: TemplateScope): AccessDecision {
  for (const requirement of rule.requirements) {
    if (!meets(requirement, caller, scope)) {
      return { allowed: false, code: caller.authenticated ? 'FORBIDDEN' : 'UNAUTHENTICATED', requirement };
    }
  }
  return ALLOWED;
}

function meets(requirement: AccessRequirement, caller: Caller, scope: TemplateScope): boolean {
  if (!caller.authenticated) return false;
  const scoped = requirement.scopes.length > 0;
  if (!scoped && requirement.subjectEquals === undefined) return true;
  if (scoped && requirement.scopes.some((all) => all.every((name) => caller.scopes.has(name)))) return true;
  if (requirement.subjectEquals !== undefined && caller.subject !== undefined) {
    const owner = renderTemplate(requirement.subjectEquals, scope);
    return owner !== undefined && owner !== null && stringifyScalar(owner) === caller.subject;
  }
  return false;
}

/** A phrase a partner can act on, e.g. `scope orders:read or the caller's own record`. */
export function describeRequirement(requirement: AccessRequirement): string {
  const alternatives = requirement.scopes.map((all) => `scope${all.length > 1 ? 's' : ''} ${all.join(' and ')}`);
  if (requirement.subjectEquals !== undefined) alternatives.push("the caller's own record");
  return alternatives.length === 0 ? 'an authenticated caller' : alternatives.join(' or ');
}
