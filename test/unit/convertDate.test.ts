import { MappingError } from '../../src/errors/MappingError';
import { convertDate } from '../../src/mapping/convertDate';
import { thrownBy } from './thrownBy';

function refusal(value: unknown, format: string): string {
  const error = thrownBy(() => convertDate(value, format));
  expect(error).toBeInstanceOf(MappingError);
  return error.message;
}

describe('convertDate', () => {
  it('converts DD/MM/YYYY to YYYY-MM-DD', () => {
    expect(convertDate('15/03/2024', 'DD/MM/YYYY')).toBe('2024-03-15');
  });

  it('accepts 29 February in a leap year', () => {
    expect(convertDate('29/02/2024', 'DD/MM/YYYY')).toBe('2024-02-29');
  });

  it('refuses 31/02/2024 instead of rolling it over into March', () => {
    expect(refusal('31/02/2024', 'DD/MM/YYYY')).toBe('"31/02/2024" is not a date in format DD/MM/YYYY');
  });

  it('refuses 29 February in a common year', () => {
    expect(refusal('29/02/2023', 'DD/MM/YYYY')).toBe('"29/02/2023" is not a date in format DD/MM/YYYY');
  });

  it('refuses a date written in another format', () => {
    expect(refusal('2024-03-15', 'DD/MM/YYYY')).toBe('"2024-03-15" is not a date in format DD/MM/YYYY');
  });

  it('refuses a day without its leading zero when the format asks for two digits', () => {
    expect(refusal('15/3/2024', 'DD/MM/YYYY')).toBe('"15/3/2024" is not a date in format DD/MM/YYYY');
  });

  it('refuses a value that is not a string', () => {
    expect(refusal(20240315, 'DD/MM/YYYY')).toBe('expected a date string in format DD/MM/YYYY, got number');
  });

  it('converts a format with a time to a UTC ISO timestamp', () => {
    expect(convertDate('15/03/2024 13:45', 'DD/MM/YYYY HH:mm')).toBe('2024-03-15T13:45:00.000Z');
  });

  it('reads a 12-hour time with AM/PM', () => {
    expect(convertDate('01/01/2024 12:05 AM', 'DD/MM/YYYY hh:mm A')).toBe('2024-01-01T00:05:00.000Z');
  });

  it('refuses an impossible time', () => {
    expect(refusal('15/03/2024 25:00', 'DD/MM/YYYY HH:mm')).toBe('"15/03/2024 25:00" is not a date in format DD/MM/YYYY HH:mm');
  });

  it.each([null, undefined, ''])('converts %j to null', (value) => {
    expect(convertDate(value, 'DD/MM/YYYY')).toBeNull();
  });
});
