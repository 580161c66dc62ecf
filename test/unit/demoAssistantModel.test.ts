import { buildSchema, type GraphQLOutputType } from 'graphql';
import { compileReplyValidator } from '../../src/connectors/inference/compileReplyValidator';
import { cosineSimilarity } from '../../src/connectors/inference/cosineSimilarity';
import { deriveJsonSchema } from '../../src/connectors/inference/deriveJsonSchema';
import { rankBySimilarity } from '../../src/connectors/inference/rankBySimilarity';
import { ANSWERS, classifyIntent } from '../../src/demo/assistant/classifyIntent';
import { countTokens } from '../../src/demo/assistant/countTokens';
import { embedText, EMBEDDING_DIMENSIONS } from '../../src/demo/assistant/embedText';
import { fillSchema } from '../../src/demo/assistant/fillSchema';
import { summarizeProduct } from '../../src/demo/assistant/summarizeProduct';
import { createShopData } from '../../src/demo/shop/shopData';

describe('the demo assistant’s model', () => {
  it('classifies support messages by their cue words', () => {
    expect(classifyIntent('Where is my order?')).toEqual({ intent: 'order_tracking', confidence: 0.9 });
    expect(classifyIntent('I want to return my order and get a refund').intent).toBe('returns_and_refunds');
    expect(classifyIntent('My card was declined').intent).toBe('payment_issue');
    expect(classifyIntent('Hello there')).toEqual({ intent: 'other', confidence: 0.3 });
  });

  it('fills in a derived schema with a value that validates, choosing content by property name', () => {
    const schema = buildSchema(`
      enum SupportIntent { ORDER_TRACKING RETURNS_AND_REFUNDS OTHER }
      type Reply { answer: String! intent: SupportIntent! confidence: Float! tags: [String!] }
      type Query { reply: Reply intents: [SupportIntent!]! }
    `);
    const typeOf = (name: string) => schema.getQueryType()?.getFields()[name]?.type as GraphQLOutputType;
    const facts = { classification: classifyIntent('Where is my order?'), answer: ANSWERS.order_tracking, summary: 'A summary.' };
    const reply = deriveJsonSchema(typeOf('reply')).schema;
    const value = fillSchema(reply, 'value', facts);
    expect(value).toEqual({ answer: ANSWERS.order_tracking, intent: 'order_tracking', confidence: 0.9, tags: [ANSWERS.order_tracking] });
    expect(compileReplyValidator(reply)(value)).toBeUndefined();
    const intents = deriveJsonSchema(typeOf('intents')).schema;
    expect(compileReplyValidator(intents)(fillSchema(intents, 'value', facts))).toBeUndefined();
  });

  it('ranks the warm winter things of the demo catalog first for "warm winter jacket"', () => {
    const products = createShopData().products;
    const ranked = rankBySimilarity(
      embedText('warm winter jacket'),
      products.map((product) => ({ item: product.sku, vector: embedText(`${product.name}: ${product.description}`) })),
    ).map((entry) => entry.item);
    expect(ranked[0]).toBe('JKT-001');
    expect(ranked.slice(0, 3)).toEqual(['JKT-001', 'GLV-001', 'BOT-001']);
    expect(ranked.slice(-3)).toEqual(expect.arrayContaining(['SUN-001']));
  });

  it('embeds deterministically into unit vectors', () => {
    const vector = embedText('Thermal Gloves');
    expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(embedText('Thermal Gloves')).toEqual(vector);
    expect(cosineSimilarity(vector, vector)).toBeCloseTo(1);
    expect(cosineSimilarity(embedText('thermal'), embedText('warm'))).toBeCloseTo(1);
  });

  it('summarises a product from the last line of the prompt', () => {
    expect(summarizeProduct('Summarise this.\nThermal Gloves: Thermal gloves that keep fingers warm, in winter.')).toBe(
      'Thermal Gloves: thermal gloves that keep fingers warm.',
    );
    expect(countTokens('  two words ')).toBe(2);
  });
});
