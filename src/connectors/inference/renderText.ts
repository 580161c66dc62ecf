import { renderTemplate, stringifyScalar, type TemplateScope } from '../../templates/renderTemplate';
import type { Template } from '../../templates/parseTemplate';

/** Renders a template as text for a model: a missing value is empty, an object is JSON. Pure. */
export function renderText(template: Template, scope: TemplateScope): string {
  const value = renderTemplate(template, scope);
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : stringifyScalar(value);
}
