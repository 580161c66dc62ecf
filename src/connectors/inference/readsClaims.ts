import { templateExpressions, type Template } from '../../templates/parseTemplate';

/** Whether any of the templates reads the caller's claims (so results are per caller). */
export function readsClaims(templates: readonly (Template | undefined)[]): boolean {
  return templates.some(
    (template) => template !== undefined && templateExpressions(template).some((expression) => expression.root === 'claims'),
  );
}
