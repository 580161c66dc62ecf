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
  /**
   * Set when the directive is an entity's reference resolver (a `@rest` on a type with `@key`):
   * templates read the representation as `{key.…}`, limited to these top-level fields of its keys.
   */
  readonly referenceKeys?: ReadonlySet<string>;
}

/** The template roots a field directive may read, and a reference resolver. */
const FIELD_ROOTS: readonly TemplateRoot[] = ['args', 'parent', 'claims'];
const REFERENCE_ROOTS: readonly TemplateRoot[] = ['key', 'claims'];

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
  if (!checkExpressions(context, template, where)) return undefined;
  return context.referenceKeys === undefined ? template : keyAsParent(template);
}

/**
 * A reference resolver is loaded like a field whose parent is the representation: `{key.id}` is
 * compiled to a read of the parent, so the loading resolver and its batching serve it unchanged.
 */
function keyAsParent(template: Template): Template {
  return {
    source: template.source,
    segments: template.segments.map((segment) =>
      typeof segment !== 'string' && segment.root === 'key' ? { ...segment, root: 'parent' } : segment,
    ),
  };
}

export function checkExpressions(context: FieldContext, template: Template, where: string): boolean {
  let ok = true;
  const keys = context.referenceKeys;
  for (const { root, path } of templateExpressions(template)) {
    const expression = `{${root}.${path.join('.')}}`;
    if (keys !== undefined) {
      if (!REFERENCE_ROOTS.includes(root)) {
        context.problems.add(
          context.coordinate,
          `${where}: ${expression} cannot be used in a reference resolver; read the representation with {key.…}`,
        );
        ok = false;
      } else if (root === 'key' && !keys.has(path[0] ?? '')) {
        context.problems.add(context.coordinate, `${where}: ${expression} is not a field of the type's @key (${[...keys].join(', ')})`);
        ok = false;
      }
      continue;
    }
    if (!FIELD_ROOTS.includes(root)) {
      const instead = root === 'key' ? 'a reference resolver (@rest on a type with @key)' : '@source';
      context.problems.add(context.coordinate, `${where}: ${expression} cannot be used here; {${root}.…} belongs in ${instead}`);
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
