import { MappingError } from '../errors/MappingError';

const digitsCache = new Map<string, number>();

/** Minor-unit digits of an ISO-4217 currency (EUR 2, JPY 0, BHD 3), from the runtime's ICU data. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    if (!/^[A-Z]{3}$/.test(currency)) throw new MappingError(`"${currency}" is not an ISO-4217 currency code`);
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Converts an integer amount in minor units to an exact decimal string: `12345` EUR → `"123.45"`,
 * `-5` EUR → `"-0.05"`, `500` JPY → `"500"`. No floating point is involved.
 */
export function minorUnitsToDecimal(minorUnits: unknown, currency: string): string {
  const text = typeof minorUnits === 'number' || typeof minorUnits === 'bigint' ? String(minorUnits) : minorUnits;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) {
    throw new MappingError(`amount ${JSON.stringify(minorUnits)} is not an integer number of minor units`);
  }
  const digits = currencyDigits(currency);
  const negative = text.startsWith('-');
  const magnitude = (negative ? text.slice(1) : text).replace(/^0+(?=\d)/, '');
  if (digits === 0) return `${negative && magnitude !== '0' ? '-' : ''}${magnitude}`;
  const padded = magnitude.padStart(digits + 1, '0');
  const decimal = `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return negative && /[1-9]/.test(magnitude) ? `-${decimal}` : decimal;
}

/**
 * Writes a decimal amount with exactly its currency's minor digits: `"5"` EUR → `"5.00"`,
 * `"12.3"` EUR → `"12.30"`. More digits than the currency has are refused, never rounded.
 */
export function normalizeDecimal(amount: unknown, currency: string): string {
  const text = typeof amount === 'number' ? String(amount) : amount;
  const match = typeof text === 'string' ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim()) : null;
  if (!match) throw new MappingError(`amount ${JSON.stringify(amount)} is not a decimal number`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = currencyDigits(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits)
    throw new MappingError(`amount ${match.input.trim()} has more decimals than ${currency} allows (${digits})`);
  return minorUnitsToDecimal(`${sign}${whole}${significant.padEnd(digits, '0')}`, currency);
}
