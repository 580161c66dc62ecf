import { getNamedType, isObjectType } from 'graphql';
import type { FieldContext } from '../schema/FieldContext';
import type { FieldResolver } from '../execution/FieldResolver';
import { optionalString, splitPath } from '../schema/readArgs';
import { currencyDigits, minorUnitsToDecimal, normalizeDecimal } from './minorUnitsToDecimal';
import { readPath } from '../templates/readPath';
import { MappingError } from '../errors/MappingError';

export interface Money {
  readonly amount: string;
  readonly currency: string;
}

/**
 * `@money(minorUnitsFrom:|amountFrom:, currencyFrom:|currency:)` → a resolver building
 * `{ amount, currency }` with the currency's exact number of decimals.
 */
export function compileMoneyField(context: FieldContext, args: Record<string, unknown>): FieldResolver | undefined {
  const { coordinate, problems } = context;
  const before = problems.size;
  const minorPath = splitPath(optionalString(args, 'minorUnitsFrom'));
  const decimalPath = splitPath(optionalString(args, 'amountFrom'));
  const amountPath = minorPath.length > 0 ? minorPath : decimalPath;
  const convert = minorPath.length > 0 ? minorUnitsToDecimal : normalizeDecimal;
  const currencyPath = splitPath(optionalString(args, 'currencyFrom'));
  const fixedCurrency = optionalString(args, 'currency');
  if ((minorPath.length === 0) === (decimalPath.length === 0)) {
    problems.add(coordinate, '@money needs exactly one of minorUnitsFrom (integer minor units) or amountFrom (a decimal)');
  }
  if ((currencyPath.length === 0) === (fixedCurrency === undefined)) {
    problems.add(coordinate, '@money needs exactly one of currencyFrom or currency');
  }
  if (fixedCurrency !== undefined) {
    try {
      currencyDigits(fixedCurrency);
    } catch (error) {
      problems.add(coordinate, `@money currency: ${(error as Error).message}`);
    }
  }
  const type = getNamedType(context.field.type);
  if (!isObjectType(type) || !type.getFields()['amount'] || !type.getFields()['currency']) {
    problems.add(coordinate, '@money needs an object type with amount and currency fields, e.g. Money');
  }
  if (problems.size > before) return undefined;
  return (parent): Money | null => {
    const minorUnits = readPath(parent, amountPath);
    if (minorUnits === null || minorUnits === undefined) return null;
    const currency = fixedCurrency ?? readPath(parent, currencyPath);
    if (typeof currency !== 'string') throw new MappingError(`money at ${coordinate} has no currency`);
    return { amount: convert(minorUnits, currency), currency };
  };
}
