import { buildSchema } from 'graphql';
import { hasCacheHints } from '../../src/schema/hasCacheHints';

const DIRECTIVE = 'directive @cacheControl(maxAge: Int) on FIELD_DEFINITION | OBJECT | INTERFACE';

describe('hasCacheHints', () => {
  it('finds a hint on a field', () => {
    expect(hasCacheHints(buildSchema(`${DIRECTIVE} type Query { a: Int @cacheControl(maxAge: 5) }`))).toBe(true);
  });
  it('finds a hint on a type', () => {
    expect(hasCacheHints(buildSchema(`${DIRECTIVE} type T @cacheControl(maxAge: 5) { a: Int } type Query { t: T }`))).toBe(true);
  });
  it('finds a hint on a type extension', () => {
    expect(hasCacheHints(buildSchema(`${DIRECTIVE} type T { a: Int } extend type T @cacheControl(maxAge: 5) type Query { t: T }`))).toBe(
      true,
    );
  });
  it('is false for a schema without hints, even when the directive is defined', () => {
    expect(hasCacheHints(buildSchema(`${DIRECTIVE} type Query { a: Int }`))).toBe(false);
  });
});
