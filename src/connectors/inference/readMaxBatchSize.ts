import type { FieldContext } from '../../schema/FieldContext';
import { optionalInt } from '../../schema/readArgs';

/** A directive's own `maxBatchSize`, when it sets one (else the source's applies). */
export function readMaxBatchSize(context: FieldContext, args: Record<string, unknown>, directive: string): number | undefined {
  const value = optionalInt(args, 'maxBatchSize');
  if (value !== undefined && value <= 0)
    context.problems.add(context.coordinate, `${directive} maxBatchSize must be a positive integer, got ${value}`);
  return value;
}
