import { getDirective } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { parseFieldTemplate, type FieldContext } from '../schema/FieldContext';
import { optionalString } from '../schema/readArgs';
import type { AccessRequirement, AccessRule } from './AccessRule';

/**
 * Compiles the access rule of one field: the parent type's requirement (it applies to all the
 * type's fields) and the field's own, both of which must hold. Undefined when the field is public.
 */
export function compileAccessRule(schema: GraphQLSchema, context: FieldContext): AccessRule | undefined {
  const requirements = [
    readRequirement(schema, context, 'type'),
    readRequirement(schema, context, 'field'),
  ].filter((requirement): requirement is AccessRequirement => requirement !== undefined);
  return requirements.length === 0 ? undefined : Object.freeze({ coordinate: context.coordinate, requirements });
}

function readRequirement(schema: GraphQLSchema, context: FieldContext, level: 'type' | 'field'): AccessRequirement | undefined {
  const node = level === 'type' ? context.type : context.field;
  const declaredOn = level === 'type' ? context.type.name : context.coordinate;
  const authenticated = (getDirective(schema, node, 'authenticated')?.length ?? 0) > 0;
  const scopesArgs = getDirective(schema, node, 'requiresScopes')?.[0];
  const subjectArgs = getDirective(schema, node, 'allowSubject')?.[0];
  if (!authenticated && !scopesArgs && !subjectArgs) return undefined;

  const scopes: string[][] = [];
  if (scopesArgs) {
    const value = scopesArgs['scopes'];
    if (!Array.isArray(value) || value.length === 0 || value.some((all) => !Array.isArray(all) || all.length === 0)) {
      context.problems.add(declaredOn, '@requiresScopes needs at least one non-empty list of scopes, e.g. [["orders:read"]]');
    } else {
      for (const all of value as unknown[][]) scopes.push(all.map(String));
    }
  }
  let subjectEquals;
  if (subjectArgs) {
    const where = level === 'type' ? `@allowSubject on ${declaredOn}` : '@allowSubject';
    subjectEquals = parseFieldTemplate(level === 'type' ? { ...context, field: { ...context.field, args: [] } } : context, optionalString(subjectArgs, 'equals') ?? '', where);
    if (!scopesArgs && subjectEquals === undefined) return undefined;
  }
  return Object.freeze({ declaredOn, scopes, subjectEquals });
}
