import { compileResultSerializer, type ResultSerializer } from './compileResultSerializer';
import type { ObjectCompletion } from './SelectionPlan';

/** Each selection plan's serializer, compiled on first use (null: none could be made). */
const byPlan = new WeakMap<ObjectCompletion, ResultSerializer | null>();

/** The serializer of each response's data object, set by the plan that produced it (weakly held). */
const serializers = new WeakMap<object, ResultSerializer>();

/** Marks `data`, which `plan` produced without errors, for that plan's serializer. */
export function markPlanned(data: object, plan: ObjectCompletion): void {
  let serializer = byPlan.get(plan);
  if (serializer === undefined) byPlan.set(plan, (serializer = compileResultSerializer(plan) ?? null));
  if (serializer !== null) serializers.set(data, serializer);
}

/** The serializer of the plan that produced `data`, if any. */
export function serializerFor(data: object): ResultSerializer | undefined {
  return serializers.get(data);
}

/**
 * Apollo Server's `stringifyResult`: a response with data and nothing else (no errors, no
 * extensions) whose data a plan produced is written by that plan's serializer; every other
 * response, and data not shaped as planned, by `JSON.stringify` plus a newline, as Apollo does.
 */
export function stringifyResult(value: { readonly errors?: unknown; readonly data?: unknown; readonly extensions?: unknown }): string {
  const { data } = value;
  if (value.errors === undefined && value.extensions === undefined && typeof data === 'object' && data !== null) {
    const serializer = serializerFor(data);
    const text = serializer?.(data);
    if (text !== undefined) return text;
  }
  return `${JSON.stringify(value)}\n`;
}
