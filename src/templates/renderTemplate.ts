import { readPath } from './readPath';
import type { Template, TemplateExpression, TemplateRoot } from './parseTemplate';

/** The values a template may read. A root that is absent renders as missing. */
export type TemplateScope = Partial<Record<TemplateRoot, unknown>>;

export function readExpression(expression: TemplateExpression, scope: TemplateScope): unknown {
  return readPath(scope[expression.root], expression.path);
}

/**
 * Renders a template. A template that is exactly one expression keeps the value's own type (a
 * number stays a number, a list stays a list); any other template renders to a string, with
 * missing values as the empty string.
 */
export function renderTemplate(template: Template, scope: TemplateScope): unknown {
  const { segments } = template;
  if (segments.length === 1 && typeof segments[0] !== 'string') {
    return readExpression(segments[0] as TemplateExpression, scope);
  }
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'string') {
      out += segment;
    } else {
      const value = readExpression(segment, scope);
      if (value !== undefined && value !== null) out += stringifyScalar(value);
    }
  }
  return out;
}

/** A value as text: scalars as JavaScript writes them, objects and lists as JSON. */
export function stringifyScalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    default:
      return JSON.stringify(value) ?? '';
  }
}
