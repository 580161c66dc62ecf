/**
 * Templates are strings with `{root.path}` placeholders, e.g. `/customers/{args.id}`. They are
 * parsed once at startup; rendering is a walk over the parsed segments.
 */
/** `key` is an entity representation's fields, read by a reference resolver (docs/federation.md). */
export type TemplateRoot = 'args' | 'parent' | 'claims' | 'env' | 'key';

export interface TemplateExpression {
  readonly root: TemplateRoot;
  /** Property path below the root, never empty: `{args.id}` → `['id']`. */
  readonly path: readonly string[];
}

export type TemplateSegment = string | TemplateExpression;

export interface Template {
  readonly source: string;
  readonly segments: readonly TemplateSegment[];
}

export class TemplateSyntaxError extends Error {
  override readonly name = 'TemplateSyntaxError';
}

const ROOTS: ReadonlySet<string> = new Set<TemplateRoot>(['args', 'parent', 'claims', 'env', 'key']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function isTemplateRoot(value: string): value is TemplateRoot {
  return ROOTS.has(value);
}

/** Parses a template, or throws a `TemplateSyntaxError` that says what is wrong and where. */
export function parseTemplate(source: string): Template {
  const segments: TemplateSegment[] = [];
  let literal = '';
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (char === '}') {
      throw new TemplateSyntaxError(`unexpected "}" at offset ${index} in "${source}"`);
    }
    if (char !== '{') {
      literal += char;
      index += 1;
      continue;
    }
    const end = source.indexOf('}', index + 1);
    if (end === -1) throw new TemplateSyntaxError(`unclosed "{" at offset ${index} in "${source}"`);
    const expression = source.slice(index + 1, end).trim();
    const [root, ...path] = expression.split('.');
    if (root === undefined || !isTemplateRoot(root)) {
      throw new TemplateSyntaxError(`"{${expression}}" must start with one of ${[...ROOTS].join(', ')} in "${source}"`);
    }
    if (path.length === 0 || !path.every((part) => IDENTIFIER.test(part))) {
      throw new TemplateSyntaxError(`"{${expression}}" needs a property path, e.g. {${root}.id}, in "${source}"`);
    }
    if (literal) segments.push(literal);
    literal = '';
    segments.push({ root, path });
    index = end + 1;
  }
  if (literal) segments.push(literal);
  return { source, segments };
}

/** Every expression of a template, for validation. */
export function templateExpressions(template: Template): TemplateExpression[] {
  return template.segments.filter((segment): segment is TemplateExpression => typeof segment !== 'string');
}
