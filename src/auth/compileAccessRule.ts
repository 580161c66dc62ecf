import { getDirective } from '@graphql-tools/utils';
import { getNamedType, type GraphQLField, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { parseFieldTemplate, type FieldContext } from '../schema/FieldContext';
import { optionalString } from '../schema/readArgs';
import type { AccessRequirement, AccessRule } from './AccessRule';

/**
 * Compiles the access rule of one object field, with Apollo Router's semantics: every
 * requirement below must hold, and all of them are checked before the field runs, so nothing
 * denied ever reaches an upstream.
 *
 * - the field's own `@authenticated` / `@requiresScopes` / `@allowSubject`;
 * - the requirement of the type it returns (object, interface, scalar or enum, through lists and
 *   non-null): a protected type protects every field that returns it;
 * - the requirement of its parent type, and of every interface the parent implements that declares
 *   the field, and of that interface field: the rules of an interface hold on every implementation.
 *
 * Undefined when the field is public.
 */
export function compileAccessRule(schema: GraphQLSchema, context: FieldContext): AccessRule | undefined {
  const { type, field } = context;
  const interfaceRequirements = type.getInterfaces().flatMap((iface) => {
    const declared = iface.getFields()[field.name];
    if (declared === undefined) return [];
    return [readTypeRequirement(schema, context, iface), readFieldRequirement(schema, context, declared, `${iface.name}.${field.name}`)];
  });
  const requirements = [
    readTypeRequirement(schema, context, type),
    ...interfaceRequirements,
    readFieldRequirement(schema, context, field, context.coordinate),
    readTypeRequirement(schema, context, getNamedType(field.type)),
  ].filter((requirement): requirement is AccessRequirement => requirement !== undefined);
  const distinct = requirements.filter(
    (requirement, index) => requirements.findIndex((other) => other.declaredOn === requirement.declaredOn) === index,
  );
  // Every requirement implies an authenticated caller: a bare @authenticated next to another one says nothing more.
  const needed = distinct.length > 1 ? distinct.filter((requirement) => !isAuthenticatedOnly(requirement)) : distinct;
  const kept = needed.length > 0 ? needed : distinct.slice(0, 1);
  return kept.length === 0 ? undefined : Object.freeze({ coordinate: context.coordinate, requirements: kept });
}

/**
 * The rule of reading an object of this type at all: its own and its interfaces' `@authenticated` /
 * `@requiresScopes`. What a field returning the type checks for the type, for a value that no
 * field returns (an entity loaded through `_entities`). Undefined when the type is public.
 */
export function compileTypeAccessRule(schema: GraphQLSchema, context: FieldContext, type: GraphQLObjectType): AccessRule | undefined {
  const requirements = [type, ...type.getInterfaces()]
    .map((declaring) => readTypeRequirement(schema, context, declaring))
    .filter((requirement): requirement is AccessRequirement => requirement !== undefined);
  const needed = requirements.length > 1 ? requirements.filter((requirement) => !isAuthenticatedOnly(requirement)) : requirements;
  const kept = needed.length > 0 ? needed : requirements.slice(0, 1);
  return kept.length === 0 ? undefined : Object.freeze({ coordinate: type.name, requirements: kept });
}

function isAuthenticatedOnly(requirement: AccessRequirement): boolean {
  return requirement.scopes.length === 0 && requirement.subjectEquals === undefined;
}

/**
 * A type's requirement. `@allowSubject` on a type cannot be enforced Apollo's way: a field that
 * returns the type is checked before the object exists, so there is no subject to compare; it is
 * a problem at its coordinate (declare it on the fields that return the type).
 */
function readTypeRequirement(schema: GraphQLSchema, context: FieldContext, type: GraphQLNamedType): AccessRequirement | undefined {
  if ((getDirective(schema, type, 'allowSubject')?.length ?? 0) > 0) {
    context.problems.add(
      type.name,
      '@allowSubject cannot be enforced on a type (a field returning it is checked before the object is fetched); declare it on the fields instead',
    );
  }
  return readRequirement(schema, context, type, type.name, undefined);
}

function readFieldRequirement(
  schema: GraphQLSchema,
  context: FieldContext,
  field: GraphQLField<unknown, unknown>,
  declaredOn: string,
): AccessRequirement | undefined {
  const subjectArgs = getDirective(schema, field, 'allowSubject')?.[0];
  return readRequirement(schema, context, field, declaredOn, subjectArgs);
}

function readRequirement(
  schema: GraphQLSchema,
  context: FieldContext,
  node: GraphQLNamedType | GraphQLField<unknown, unknown>,
  declaredOn: string,
  subjectArgs: Record<string, unknown> | undefined,
): AccessRequirement | undefined {
  const authenticated = (getDirective(schema, node, 'authenticated')?.length ?? 0) > 0;
  const scopesArgs = getDirective(schema, node, 'requiresScopes')?.[0];
  if (!authenticated && !scopesArgs && !subjectArgs) return undefined;

  const scopes: string[][] = [];
  if (scopesArgs) {
    const value: unknown = scopesArgs['scopes'];
    if (!Array.isArray(value) || value.length === 0 || value.some((all) => !Array.isArray(all) || all.length === 0)) {
      context.problems.add(declaredOn, '@requiresScopes needs at least one non-empty list of scopes, e.g. [["orders:read"]]');
    } else {
      for (const all of value as unknown[][]) scopes.push(all.map(String));
    }
  }
  let subjectEquals;
  if (subjectArgs) {
    subjectEquals = parseFieldTemplate(context, optionalString(subjectArgs, 'equals') ?? '', '@allowSubject');
    if (!scopesArgs && subjectEquals === undefined) return undefined;
  }
  return Object.freeze({ declaredOn, scopes, subjectEquals });
}
