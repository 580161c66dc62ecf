import type { FieldContext } from '../schema/FieldContext';
import type { SourceConfig } from '../schema/SourceConfig';

/**
 * The source of a given kind that a field directive names, or undefined with a problem recorded:
 * not declared, or of another kind. A declared source with problems of its own is undefined
 * without a second problem.
 */
export function lookupSource<S extends SourceConfig>(
  context: FieldContext,
  directive: string,
  name: string,
  kind: S['kind'],
): S | undefined {
  if (!context.sources.has(name)) {
    context.problems.add(context.coordinate, `@${directive} source "${name}" is not declared with @source`);
    return undefined;
  }
  const source = context.sources.get(name);
  if (source === undefined) return undefined;
  if (source.kind !== kind) {
    context.problems.add(
      context.coordinate,
      `@${directive} source "${name}" is ${article(source.kind)} source, not ${article(kind)} source`,
    );
    return undefined;
  }
  return source as S;
}

function article(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
