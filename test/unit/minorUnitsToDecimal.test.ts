import { MappingError } from '../../src/errors/MappingError';
import { currencyDigits, minorUnitsToDecimal } from '../../src/mapping/minorUnitsToDecimal';
import { thrownBy } from './thrownBy';

function refusal(minorUnits: unknown, currency: string): string {
  const error = thrownBy(() => minorUnitsToDecimal(minorUnits, currency));
  expect(error).toBeInstanceOf(MappingError);
  return error.message;
}

describe('minorUnitsToDecimal', () => {
  it.each([
    [12345, 'EUR', '123.45'],
    [-5, 'EUR', '-0.05'],
    [0, 'EUR', '0.00'],
    [7, 'EUR', '0.07'],
    [-12345, 'EUR', '-123.45'],
    [500, 'JPY', '500'],
    [-500, 'JPY', '-500'],
    [1234, 'BHD', '1.234'],
    [5, 'BHD', '0.005'],
  ])('writes %j %s as "%s"', (minorUnits, currency, expected) => {
    expect(minorUnitsToDecimal(minorUnits, currency)).toBe(expected);
  });

  it('reads an integer string, dropping leading zeros: "0012" EUR → "0.12"', () => {
    expect(minorUnitsToDecimal('0012', 'EUR')).toBe('0.12');
  });

  it('never writes a negative zero', () => {
    expect(minorUnitsToDecimal('-0', 'EUR')).toBe('0.00');
    expect(minorUnitsToDecimal('-000', 'JPY')).toBe('0');
  });

  it('is exact beyond the range of floating point', () => {
    expect(minorUnitsToDecimal('123456789012345678901', 'EUR')).toBe('1234567890123456789.01');
    expect(minorUnitsToDecimal(12345678901234567890n, 'EUR')).toBe('123456789012345678.90');
  });

  it.each([1.5, '1.5', '12a', '', '+5', ' 5', null, true, Number.NaN])('refuses %j, which is not an integer', (minorUnits) => {
    expect(refusal(minorUnits, 'EUR')).toBe(`amount ${JSON.stringify(minorUnits)} is not an integer number of minor units`);
  });

  it.each(['eur', 'EURO', 'EU', ''])('refuses currency code %j', (currency) => {
    expect(refusal(100, currency)).toBe(`"${currency}" is not an ISO-4217 currency code`);
  });
});

describe('currencyDigits', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['BHD', 3],
    ['KWD', 3],
  ])('knows %s has %i minor-unit digits', (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });
});
