import type { FieldContext } from '../../schema/FieldContext';
import type { InferenceSourceConfig } from './InferenceSourceConfig';

/**
 * The inference source a field directive names, or undefined with a problem recorded: not
 * declared, or of another kind. A declared source with problems of its own is undefined without a
 * second problem.
 */
export function lookupInferenceSource(context: FieldContext, directive: string, name: string): InferenceSourceConfig | undefined {
  if (!context.sources.has(name)) {
    context.problems.add(context.coordinate, `@${directive} source "${name}" is not declared with @source`);
    return undefined;
  }
  const source = context.sources.get(name);
  if (source === undefined) return undefined;
  if (source.kind !== 'inference') {
    context.problems.add(context.coordinate, `@${directive} source "${name}" is a ${source.kind} source, not an inference source`);
    return undefined;
  }
  return source;
}
