import { getNamedType, isLeafType } from 'graphql';
import type { FieldContext } from '../schema/FieldContext';
import type { FieldResolver } from '../execution/FieldResolver';
import { optionalString, splitPath } from '../schema/readArgs';
import { convertDate } from './convertDate';
import { readPath } from '../templates/readPath';

/** `@map(from:, dateFormat:)` → a resolver reading (and converting) another property of the parent. */
export function compileMapField(context: FieldContext, args: Record<string, unknown>): FieldResolver | undefined {
  const from = splitPath(optionalString(args, 'from'));
  const dateFormat = optionalString(args, 'dateFormat');
  if (from.length === 0) {
    context.problems.add(context.coordinate, '@map from must name a property, e.g. from: "mobile_number"');
    return undefined;
  }
  if (dateFormat !== undefined) {
    if (!isLeafType(getNamedType(context.field.type))) {
      context.problems.add(context.coordinate, '@map dateFormat needs a scalar field type');
      return undefined;
    }
    return (parent) => convertDate(readPath(parent, from), dateFormat);
  }
  if (from.length === 1) {
    const [key] = from as [string];
    return (parent) => (parent as Record<string, unknown> | null)?.[key];
  }
  return (parent) => readPath(parent, from);
}
