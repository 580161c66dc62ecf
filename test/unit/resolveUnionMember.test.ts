import { isUnionType } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { directiveTypeDefs } from '../../src/link/directiveTypeDefs';
import { resolveUnionMember } from '../../src/schema/resolveUnionMember';

const schema = makeExecutableSchema({
  typeDefs: [
    directiveTypeDefs,
    `type Card { last4: String!, brand: String }
     type Transfer { iban: String! @map(from: "IBAN"), brand: String }
     union Payment = Card | Transfer
     type Query { payments: [Payment] }`,
  ],
});
const union = schema.getType('Payment');
if (!isUnionType(union)) throw new Error('Payment is not a union');
const resolve = resolveUnionMember(schema, union);
const typeOf = (value: unknown) => resolve(value, undefined, undefined as never, union);

describe('resolveUnionMember', () => {
  it('picks the member whose non-null fields are all present, reading @map names', () => {
    expect(typeOf({ last4: '4242' })).toBe('Card');
    expect(typeOf({ IBAN: 'DE89', brand: 'sepa' })).toBe('Transfer');
  });

  it('lets __typename decide when the upstream sends it', () => {
    expect(typeOf({ __typename: 'Transfer', last4: '1' })).toBe('Transfer');
  });

  it('falls back to the member sharing the most properties when none is complete', () => {
    expect(typeOf({ brand: 'visa' })).toBe('Card');
    expect(typeOf(null)).toBeUndefined();
  });
});
