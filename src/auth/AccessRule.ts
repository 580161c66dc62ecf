import type { Template } from '../templates/parseTemplate';

/**
 * Who may read a field, compiled from `@authenticated`, `@requiresScopes` and `@allowSubject` on
 * the field and on its parent type. Every requirement must hold (a type's rule AND the field's).
 */
export interface AccessRule {
  /** `Type.field`, for messages and audit. */
  readonly coordinate: string;
  readonly requirements: readonly AccessRequirement[];
}

/** One declaration's condition; it always implies an authenticated caller. */
export interface AccessRequirement {
  /** Where it was declared: `Customer` (type) or `Customer.orders` (field). */
  readonly declaredOn: string;
  /** Outer list OR, inner list AND; empty when only authentication (or the subject) is asked. */
  readonly scopes: readonly (readonly string[])[];
  /** Also satisfied when the caller's subject equals this template's value. */
  readonly subjectEquals: Template | undefined;
}
