import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLString, type GraphQLLeafType } from 'graphql';

const MAX_INT = 2147483647;
const MIN_INT = -2147483648;

/**
 * The leaf type's `serialize`, with the common case of each built-in scalar decided inline (a
 * value already of the right JavaScript type); anything else goes to graphql-js's own
 * `serialize`, so its coercions and error messages are the same.
 */
export function leafSerializer(type: GraphQLLeafType): (value: unknown) => unknown {
  const serialize = (value: unknown) => type.serialize(value);
  switch (type) {
    case GraphQLString:
      return (value) => (typeof value === 'string' ? value : serialize(value));
    case GraphQLInt:
      return (value) =>
        typeof value === 'number' && Number.isInteger(value) && value <= MAX_INT && value >= MIN_INT ? value : serialize(value);
    case GraphQLFloat:
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : serialize(value));
    case GraphQLBoolean:
      return (value) => (typeof value === 'boolean' ? value : serialize(value));
    case GraphQLID:
      return (value) => (typeof value === 'string' ? value : serialize(value));
    default:
      return serialize;
  }
}
