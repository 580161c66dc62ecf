import { parseTemplate, templateExpressions, type Template, type TemplateExpression } from './parseTemplate';
import { renderTemplate, type TemplateScope } from './renderTemplate';

/** A JSON value whose strings are templates, e.g. a request body `{ "orderId": "{args.id}" }`. */
export type JsonTemplate =
  | { readonly kind: 'template'; readonly template: Template }
  | { readonly kind: 'literal'; readonly value: number | boolean | null }
  | { readonly kind: 'array'; readonly items: readonly JsonTemplate[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonTemplate])[] };

/** Parses a JSON-like directive value; throws `TemplateSyntaxError` for a bad string. */
export function parseJsonTemplate(value: unknown): JsonTemplate {
  if (typeof value === 'string') return { kind: 'template', template: parseTemplate(value) };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(parseJsonTemplate) };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'object',
      entries: Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, parseJsonTemplate(item)] as const),
    };
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return { kind: 'literal', value };
  throw new TypeError(`unsupported template value ${value === undefined ? 'undefined' : `of type ${typeof value}`}`);
}

/** Renders a JSON template; object entries whose value is missing are left out. */
export function renderJsonTemplate(template: JsonTemplate, scope: TemplateScope): unknown {
  switch (template.kind) {
    case 'template':
      return renderTemplate(template.template, scope);
    case 'literal':
      return template.value;
    case 'array':
      return template.items.map((item) => renderJsonTemplate(item, scope) ?? null);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, item] of template.entries) {
        const value = renderJsonTemplate(item, scope);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
  }
}

export function jsonTemplateExpressions(template: JsonTemplate): TemplateExpression[] {
  switch (template.kind) {
    case 'template':
      return templateExpressions(template.template);
    case 'literal':
      return [];
    case 'array':
      return template.items.flatMap(jsonTemplateExpressions);
    case 'object':
      return template.entries.flatMap(([, item]) => jsonTemplateExpressions(item));
  }
}
