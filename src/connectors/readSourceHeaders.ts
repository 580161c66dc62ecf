import { isRecord } from '../schema/readArgs';
import type { SourceCompileInput } from './Connector';

/** A source's `headers: [{ name, value }]`, names lower-cased, values interpolated from the environment. */
export function readSourceHeaders(args: Record<string, unknown>, interpolate: SourceCompileInput['interpolate']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of Array.isArray(args['headers']) ? args['headers'] : []) {
    if (!isRecord(header)) continue;
    headers[String(header['name']).toLowerCase()] = interpolate(String(header['value']), `header ${String(header['name'])}`) ?? '';
  }
  return headers;
}
