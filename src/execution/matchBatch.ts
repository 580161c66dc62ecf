import { stringifyScalar } from '../templates/renderTemplate';
import { readPath } from '../templates/readPath';

/**
 * Aligns a batch answer with the keys asked for (DataLoader's contract): one item per key, or
 * every matching item for a list field; a key with no item gets null (or []). Keys compare as
 * strings, so `7` matches `"7"`.
 */
export function matchBatch(items: readonly unknown[], keys: readonly string[], field: readonly string[], returnsList: boolean): unknown[] {
  const byKey = new Map<string, unknown[]>();
  for (const item of items) {
    const key = readPath(item, field);
    if (key === undefined || key === null) continue;
    const id = stringifyScalar(key);
    const bucket = byKey.get(id);
    if (bucket) bucket.push(item);
    else byKey.set(id, [item]);
  }
  return keys.map((key) => {
    const matches = byKey.get(key);
    if (returnsList) return matches ?? [];
    return matches?.[0] ?? null;
  });
}
