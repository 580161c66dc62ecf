import { createHash } from 'node:crypto';

/** API keys are stored and compared only as SHA-256 hashes. Keys are long random strings, so no salt or stretching is needed. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
