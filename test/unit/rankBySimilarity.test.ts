import { cosineSimilarity } from '../../src/connectors/inference/cosineSimilarity';
import { parseEmbeddingReply } from '../../src/connectors/inference/parseEmbeddingReply';
import { rankBySimilarity } from '../../src/connectors/inference/rankBySimilarity';
import { UpstreamBadResponseError } from '../../src/errors/UpstreamBadResponseError';
import { thrownBy } from './thrownBy';

describe('cosineSimilarity', () => {
  it('is 1 for the same direction, 0 for orthogonal, -1 for opposite, whatever the lengths', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1);
  });

  it('is 0 for a zero vector or vectors of different models (different lengths)', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(cosineSimilarity([1, 0], [1, 0, 0])).toBe(0);
    expect(cosineSimilarity([], [])).toBe(0);
  });
});

describe('rankBySimilarity', () => {
  const items = [
    { item: 'east', vector: [1, 0] },
    { item: 'none', vector: undefined },
    { item: 'north-east', vector: [1, 1] },
    { item: 'north', vector: [0, 1] },
    { item: 'also north', vector: [0, 2] },
  ];

  it('orders by similarity to the query, ties in their given order, items without a vector last', () => {
    expect(rankBySimilarity([0, 1], items).map((ranked) => ranked.item)).toEqual(['north', 'also north', 'north-east', 'east', 'none']);
  });

  it('returns at most first items, and none for 0', () => {
    expect(rankBySimilarity([1, 0], items, 2).map((ranked) => ranked.item)).toEqual(['east', 'north-east']);
    expect(rankBySimilarity([1, 0], items, 0)).toEqual([]);
  });
});

describe('parseEmbeddingReply', () => {
  it('aligns vectors with the texts sent by their index', () => {
    const reply = {
      data: [
        { index: 1, embedding: [0, 1] },
        { index: 0, embedding: [1, 0] },
      ],
    };
    expect(parseEmbeddingReply('assistant', reply, 2)).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('refuses a reply with too few, duplicate or non-numeric vectors as a whole', () => {
    const bad = [
      { data: [{ index: 0, embedding: [1] }] },
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 0, embedding: [2] },
        ],
      },
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 1, embedding: ['x'] },
        ],
      },
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 5, embedding: [2] },
        ],
      },
      'not json',
    ];
    for (const reply of bad) expect(thrownBy(() => parseEmbeddingReply('assistant', reply, 2))).toBeInstanceOf(UpstreamBadResponseError);
  });
});
