import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import utc from 'dayjs/plugin/utc';
import { MappingError } from '../errors/MappingError';

dayjs.extend(customParseFormat);
dayjs.extend(utc);

const TIME_TOKENS = /[HhmsSA]/;

/**
 * Converts a date written in a legacy format (Day.js tokens, e.g. `DD/MM/YYYY`) to ISO-8601:
 * `YYYY-MM-DD` for a date alone, a full UTC timestamp when the format has a time. Parsing is
 * strict, so `31/02/2024` is refused rather than rolled over into March.
 */
export function convertDate(value: unknown, format: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw new MappingError(`expected a date string in format ${format}, got ${typeof value}`);
  const parsed = dayjs.utc(value, format, true);
  if (!parsed.isValid()) throw new MappingError(`"${value}" is not a date in format ${format}`);
  return TIME_TOKENS.test(format) ? parsed.toISOString() : parsed.format('YYYY-MM-DD');
}
