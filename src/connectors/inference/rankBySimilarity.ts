import { cosineSimilarity } from './cosineSimilarity';

export interface Ranked<T> {
  readonly item: T;
  readonly score: number;
}

/**
 * Orders items by the cosine similarity of their vectors to the query's, most similar first;
 * equal scores keep the items' order, and an item without a vector comes last. Returns at most
 * `first` (all when undefined). Pure.
 */
export function rankBySimilarity<T>(
  query: readonly number[],
  items: readonly { readonly item: T; readonly vector: readonly number[] | undefined }[],
  first?: number,
): Ranked<T>[] {
  const ranked = items
    .map(({ item, vector }, index) => ({
      item,
      index,
      score: vector === undefined ? Number.NEGATIVE_INFINITY : cosineSimilarity(query, vector),
    }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ item, score }) => ({ item, score }));
  return first === undefined ? ranked : ranked.slice(0, Math.max(0, first));
}
