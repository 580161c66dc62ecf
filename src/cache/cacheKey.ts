import { createHash } from 'node:crypto';

/**
 * Who a cached value may be served to. Shared data is cached once for everyone; anything that
 * depends on the caller (forwarded credentials, `{claims…}` in a template, PRIVATE cache hints) is
 * cached per subject and never served to anyone else.
 */
export type CachePartition = { readonly kind: 'shared' } | { readonly kind: 'subject'; readonly subject: string };

export const SHARED: CachePartition = Object.freeze({ kind: 'shared' });

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * The cache key of an upstream call: source, what is called and the normalised request, in a
 * partition. Subjects are hashed, so no identifier appears in the key space. Pure.
 */
export function cacheKey(source: string, request: string, partition: CachePartition): string {
  const scope = partition.kind === 'shared' ? 'shared' : `subject:${digest(partition.subject)}`;
  return `${source}:${scope}:${digest(request)}`;
}
