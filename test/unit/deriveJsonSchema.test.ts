import { buildSchema, GraphQLList, GraphQLNonNull, isObjectType, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import { compileReplyValidator } from '../../src/connectors/inference/compileReplyValidator';
import { deriveJsonSchema, UnsupportedOutputTypeError } from '../../src/connectors/inference/deriveJsonSchema';
import { mapReply } from '../../src/connectors/inference/mapReply';
import { thrownBy } from './thrownBy';

const schema = buildSchema(`
  "What a message is about."
  enum Intent {
    "Where an order is."
    ORDER_TRACKING
    OTHER
  }
  enum Casing { Up UP }
  type Reply {
    "The answer."
    answer: String!
    intent: Intent!
    confidence: Float
    tags: [String!]!
    followUp: FollowUp
    priority: Int
    id: ID
    urgent: Boolean!
  }
  type FollowUp { question: String! when: Date }
  "A calendar date."
  scalar Date
  type Node { id: ID! next: Node }
  interface Named { name: String! }
  type Query { reply: Reply casing: Casing node: Node named: Named }
`);

const typeOf = (name: string) => schema.getType(name) as GraphQLObjectType;
const field = (name: string): GraphQLOutputType => {
  const found = schema.getQueryType()?.getFields()[name];
  if (!found) throw new Error(`no field ${name}`);
  return found.type;
};

describe('deriveJsonSchema', () => {
  it('describes an object type in strict mode: every property required, no others, nullable ones may be null', () => {
    const { schema: json, wrapped } = deriveJsonSchema(field('reply'));
    expect(wrapped).toBe(false);
    expect(json).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['answer', 'intent', 'confidence', 'tags', 'followUp', 'priority', 'id', 'urgent'],
      properties: {
        answer: { type: 'string', description: 'The answer.' },
        intent: {
          type: 'string',
          enum: ['order_tracking', 'other'],
          description: 'What a message is about.\norder_tracking: Where an order is.',
        },
        confidence: { type: ['number', 'null'] },
        tags: { type: 'array', items: { type: 'string' } },
        followUp: {
          anyOf: [
            {
              type: 'object',
              additionalProperties: false,
              required: ['question', 'when'],
              properties: { question: { type: 'string' }, when: { type: ['string', 'null'], description: 'A calendar date.' } },
            },
            { type: 'null' },
          ],
        },
        priority: { type: ['integer', 'null'] },
        id: { type: ['string', 'null'] },
        urgent: { type: 'boolean' },
      },
    });
  });

  it('wraps anything but an object in { value }, since strict mode needs an object at the root', () => {
    const intent = schema.getType('Intent') as GraphQLOutputType;
    expect(deriveJsonSchema(new GraphQLList(new GraphQLNonNull(intent)))).toEqual({
      wrapped: true,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['value'],
        properties: {
          value: {
            anyOf: [
              { type: 'array', items: { type: 'string', enum: ['order_tracking', 'other'], description: expect.any(String) as string } },
              { type: 'null' },
            ],
          },
        },
      },
    });
    expect(deriveJsonSchema(intent).schema.properties?.['value']).toMatchObject({
      type: ['string', 'null'],
      enum: ['order_tracking', 'other', null],
    });
  });

  it('offers enum names as they are when lower-casing would make two of them equal', () => {
    expect(deriveJsonSchema(field('casing')).schema.properties?.['value']?.enum).toEqual(['Up', 'UP', null]);
  });

  it('refuses interfaces and recursive types, saying why', () => {
    expect(thrownBy(() => deriveJsonSchema(field('named')))).toBeInstanceOf(UnsupportedOutputTypeError);
    expect(thrownBy(() => deriveJsonSchema(field('node'))).message).toBe("Node contains itself; a model's answer must be finite");
  });

  it('derives schemas Ajv accepts in strict mode, and that reject extra and missing properties', () => {
    const validate = compileReplyValidator(deriveJsonSchema(field('reply')).schema);
    const valid = { answer: 'ok', intent: 'other', confidence: null, tags: [], followUp: null, priority: 2, id: null, urgent: false };
    expect(validate(valid)).toBeUndefined();
    expect(validate({ ...valid, extra: 1 })).toBe('/ must NOT have additional properties');
    const { answer: _answer, ...missing } = valid;
    expect(validate(missing)).toBe("/ must have required property 'answer'");
    expect(validate({ ...valid, intent: 'ORDER_TRACKING' })).toBe('/intent must be equal to one of the allowed values');
    expect(validate({ ...valid, priority: 1.5 })).toBe('/priority must be integer,null');
  });
});

describe('mapReply', () => {
  it('maps enum wire values to GraphQL names and keeps exactly the type’s fields', () => {
    const reply = typeOf('Reply');
    if (!isObjectType(reply)) throw new Error('Reply is an object type');
    expect(
      mapReply(new GraphQLNonNull(reply), {
        answer: 'Soon.',
        intent: 'order_tracking',
        confidence: 0.9,
        tags: ['a'],
        followUp: { question: 'Anything else?', when: null },
        priority: null,
        id: null,
        urgent: true,
      }),
    ).toEqual({
      answer: 'Soon.',
      intent: 'ORDER_TRACKING',
      confidence: 0.9,
      tags: ['a'],
      followUp: { question: 'Anything else?', when: null },
      priority: null,
      id: null,
      urgent: true,
    });
    expect(mapReply(field('casing'), 'UP')).toBe('UP');
    expect(mapReply(new GraphQLList(schema.getType('Intent') as GraphQLOutputType), ['other', null])).toEqual(['OTHER', null]);
  });
});
