import type { TemplateExpression } from './parseTemplate';
import { readExpression, type TemplateScope } from './renderTemplate';

/**
 * A key that is equal for two scopes exactly when every expression reads the same primitive
 * value in both, so whatever is rendered from those expressions alone is the same. Undefined when
 * an expression reads an object or a list (no key: render as usual). Pure.
 */
export function scopeKey(expressions: readonly TemplateExpression[], scope: TemplateScope): string | undefined {
  let key = '';
  for (const expression of expressions) {
    const value = readExpression(expression, scope);
    switch (typeof value) {
      case 'string':
        key += `s${value.length}:${value}`;
        break;
      case 'number':
      case 'boolean':
      case 'bigint':
        key += `${typeof value}:${String(value)};`;
        break;
      case 'undefined':
        key += 'u;';
        break;
      default:
        if (value !== null) return undefined;
        key += 'n;';
    }
  }
  return key;
}
