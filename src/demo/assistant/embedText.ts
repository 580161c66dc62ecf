/** Dimensions of the demo embedding. */
export const EMBEDDING_DIMENSIONS = 256;

/** Words that mean the same to the demo model; each group counts as its first word. */
const SYNONYMS: readonly (readonly string[])[] = [
  ['warm', 'warmth', 'insulated', 'insulation', 'thermal', 'fleece', 'down', 'cosy', 'cozy', 'heated', 'wool', 'merino', 'cashmere'],
  ['winter', 'cold', 'snow', 'snowy', 'freezing', 'ice', 'icy', 'frost', 'windproof'],
  ['jacket', 'jackets', 'coat', 'coats', 'parka', 'shell', 'anorak'],
  ['summer', 'hot', 'sunny', 'sun', 'beach', 'airy'],
  ['rain', 'waterproof', 'wet', 'raincoat'],
  ['shoe', 'shoes', 'boot', 'boots', 'sneakers', 'trainers'],
  ['hike', 'hikes', 'hiking', 'trail', 'trails', 'outdoor'],
  ['travel', 'commuting', 'commute', 'trip', 'holidays'],
];

const STOPWORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'the',
  'for',
  'with',
  'of',
  'on',
  'in',
  'to',
  'you',
  'that',
  'it',
  'is',
  'without',
  'keeps',
  'keep',
  'days',
]);

const CANONICAL: ReadonlyMap<string, string> = new Map(
  SYNONYMS.flatMap((group) => group.map((word) => [word, group[0] as string] as const)),
);

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/**
 * The demo model's embedding: a hashed bag of words, synonyms folded together, scaled to unit
 * length. Texts that share meaning words point the same way, so "warm winter jacket" is closest
 * to the down jacket, then to other warm winter things. Deterministic. Pure.
 */
export function embedText(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (STOPWORDS.has(word)) continue;
    const token = CANONICAL.get(word) ?? word;
    const index = hash(token) % EMBEDDING_DIMENSIONS;
    vector[index] = (vector[index] ?? 0) + (CANONICAL.has(word) ? 2 : 1);
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm === 0 ? vector : vector.map((value) => Math.round((value / norm) * 1e6) / 1e6);
}
