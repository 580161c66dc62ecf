import type { GraphQLField, GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { ProblemList } from './SchemaProblem';
import type { SourceConfig } from './SourceConfig';
import { parseTemplate, templateExpressions, TemplateSyntaxError, type Template, type TemplateRoot } from '../templates/parseTemplate';

/** What a directive compiler sees of the field it compiles. */
export interface FieldContext {
  /** The whole schema as declared (directives included). */
  readonly schema: GraphQLSchema;
  readonly type: GraphQLObjectType;
  readonly field: GraphQLField<unknown, unknown>;
  /** `Type.field` */
  readonly coordinate: string;
  readonly isRootType: boolean;
  /** Declared sources; undefined for one whose own declaration has problems. */
  readonly sources: ReadonlyMap<string, SourceConfig | undefined>;
  readonly problems: ProblemList;
  /** `Type.field` coordinates the gateway resolves itself: a directive that gives a resolver, or a hand-written one. */
  readonly resolvedFields: ReadonlySet<string>;
}

/** The template roots a field directive may read. */
const FIELD_ROOTS: readonly TemplateRoot[] = ['args', 'parent', 'claims'];

/**
 * Parses a field-level template and checks what it reads: `{args.x}` must be an argument of the
 * field, `{parent.x}` needs a parent, `{env.x}` belongs in @source. Returns undefined (and records
 * the problem) when the template cannot be used.
 */
export function parseFieldTemplate(context: FieldContext, text: string, where: string): Template | undefined {
  let template: Template;
  try {
    template = parseTemplate(text);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    context.problems.add(context.coordinate, `${where}: ${error.message}`);
    return undefined;
  }
  return checkExpressions(context, template, where) ? template : undefined;
}

export function checkExpressions(context: FieldContext, template: Template, where: string): boolean {
  let ok = true;
  for (const { root, path } of templateExpressions(template)) {
    const expression = `{${root}.${path.join('.')}}`;
    if (!FIELD_ROOTS.includes(root)) {
      context.problems.add(context.coordinate, `${where}: ${expression} cannot be used here; {env.…} belongs in @source`);
      ok = false;
    } else if (root === 'args' && !context.field.args.some((arg) => arg.name === path[0])) {
      context.problems.add(context.coordinate, `${where}: ${expression} names an argument the field does not have`);
      ok = false;
    } else if (root === 'parent' && context.isRootType) {
      context.problems.add(context.coordinate, `${where}: ${expression} has no parent on a root field`);
      ok = false;
    }
  }
  return ok;
}
