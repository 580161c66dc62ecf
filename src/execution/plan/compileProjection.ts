import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLString, type GraphQLLeafType } from 'graphql';
import type { FieldPlan, Projection } from './SelectionPlan';

/**
 * Per built-in scalar, the JavaScript test that a value is already its own serialization (what
 * `leafSerializer` lets through unchanged). Anything else — a number for a String, a string for
 * an Int — needs graphql-js's coercion or error, which the generic path does.
 */
const SERIALIZES_AS_ITSELF = new Map<GraphQLLeafType, (value: string) => string>([
  [GraphQLString, (v) => `typeof ${v} === "string"`],
  [GraphQLID, (v) => `typeof ${v} === "string"`],
  [GraphQLInt, (v) => `typeof ${v} === "number" && Number.isInteger(${v}) && ${v} <= 2147483647 && ${v} >= -2147483648`],
  [GraphQLFloat, (v) => `typeof ${v} === "number" && Number.isFinite(${v})`],
  [GraphQLBoolean, (v) => `typeof ${v} === "boolean"`],
]);

/**
 * Whether a field's value can be copied straight from its parent's upstream value: `__typename`,
 * or a built-in scalar with no resolver of its own (no access rule, no mapping) and arguments
 * fixed at compile time (so coercing them cannot fail).
 */
export function isProjectable(field: FieldPlan): boolean {
  if (field.field === undefined) return true;
  if (field.resolve !== undefined || field.resolveMany !== undefined || field.args.kind !== 'static') return false;
  return field.completion.kind === 'leaf' && SERIALIZES_AS_ITSELF.has(field.completion.type);
}

/**
 * Compiles, for one object type's selection, a function that builds the response object from an
 * upstream value in one allocation: every projectable field copied (after its type test), the
 * others present as `null` in their place, so the response keeps the selection's order when the
 * executor fills them in. The function answers undefined whenever a copy would not be exactly what
 * graphql-js answers (a null for a non-null field, a value of another type, a method, a parent that
 * is not an object, or is a promise or an error); that object then runs the generic path, which
 * awaits, reports the error or coerces.
 * Undefined when nothing in the selection is projectable, or when the code cannot be generated.
 */
export function compileProjection(fields: readonly FieldPlan[]): Projection | undefined {
  const projectable = fields.map(isProjectable);
  if (!projectable.includes(true)) return undefined;
  // A literal `"__proto__": value` would set the prototype; the generic path assigns it as graphql-js does.
  if (fields.some((field) => field.responseKey === '__proto__')) return undefined;
  const reads: string[] = [];
  const entries: string[] = [];
  fields.forEach((field, index) => {
    const key = JSON.stringify(field.responseKey);
    if (!projectable[index]) {
      entries.push(`${key}: null`);
    } else if (field.field === undefined) {
      entries.push(`${key}: ${JSON.stringify(field.parentType.name)}`);
    } else {
      const completion = field.completion;
      if (completion.kind !== 'leaf') return;
      const test = SERIALIZES_AS_ITSELF.get(completion.type);
      if (test === undefined) return;
      const v = `v${index}`;
      reads.push(`let ${v} = source[${JSON.stringify(field.fieldName)}];`);
      reads.push(
        completion.nonNull
          ? `if (!(${test(v)})) return undefined;`
          : `if (!(${test(v)})) { if (${v} === null || ${v} === undefined) ${v} = null; else return undefined; }`,
      );
      entries.push(`${key}: ${v}`);
    }
  });
  const body = [
    '"use strict";',
    'return function project(source) {',
    // A promise or an error in place of the object is for the generic path (awaited, or reported).
    '  if (typeof source !== "object" || source === null || typeof source.then === "function" || source instanceof Error) return undefined;',
    ...reads.map((line) => `  ${line}`),
    `  return { ${entries.join(', ')} };`,
    '};',
  ].join('\n');
  try {
    // Names in the code are GraphQL names (validated), embedded as JSON string literals.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return (new Function(body) as () => Projection)();
  } catch {
    // Code generation refused (node --disallow-code-generation-from-strings): the generic path serves.
    return undefined;
  }
}
