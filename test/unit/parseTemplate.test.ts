import { parseTemplate, templateExpressions, TemplateSyntaxError } from '../../src/templates/parseTemplate';
import { thrownBy } from './thrownBy';

function syntaxErrorOf(source: string): string {
  const error = thrownBy(() => parseTemplate(source));
  expect(error).toBeInstanceOf(TemplateSyntaxError);
  return error.message;
}

describe('parseTemplate', () => {
  it('splits a path template into literal text and expressions', () => {
    expect(parseTemplate('/customers/{args.id}/orders')).toEqual({
      source: '/customers/{args.id}/orders',
      segments: ['/customers/', { root: 'args', path: ['id'] }, '/orders'],
    });
  });

  it('reads a nested property path', () => {
    expect(parseTemplate('{parent.address.city}').segments).toEqual([{ root: 'parent', path: ['address', 'city'] }]);
  });

  it('accepts each of the roots args, parent, claims and env', () => {
    expect(parseTemplate('{args.a}{parent.b}{claims.sub}{env.KEY}').segments).toEqual([
      { root: 'args', path: ['a'] },
      { root: 'parent', path: ['b'] },
      { root: 'claims', path: ['sub'] },
      { root: 'env', path: ['KEY'] },
    ]);
  });

  it('ignores whitespace inside the braces', () => {
    expect(parseTemplate('{ args.id }').segments).toEqual([{ root: 'args', path: ['id'] }]);
  });

  it('allows dashes and underscores in property names', () => {
    expect(parseTemplate('{claims.tenant-id}{env.SHOP_API_KEY}').segments).toEqual([
      { root: 'claims', path: ['tenant-id'] },
      { root: 'env', path: ['SHOP_API_KEY'] },
    ]);
  });

  it('keeps text without placeholders as one literal', () => {
    expect(parseTemplate('/products').segments).toEqual(['/products']);
  });

  it('parses the empty string to no segments', () => {
    expect(parseTemplate('')).toEqual({ source: '', segments: [] });
  });

  it('refuses an unclosed brace, saying where it opens', () => {
    expect(syntaxErrorOf('/ab/{args.id')).toBe('unclosed "{" at offset 4 in "/ab/{args.id"');
  });

  it('refuses a stray closing brace', () => {
    expect(syntaxErrorOf('/a}b')).toBe('unexpected "}" at offset 2 in "/a}b"');
  });

  it('refuses a closing brace doubled after an expression', () => {
    expect(syntaxErrorOf('{args.id}}')).toBe('unexpected "}" at offset 9 in "{args.id}}"');
  });

  it('refuses an unknown root', () => {
    expect(syntaxErrorOf('/c/{query.id}')).toBe('"{query.id}" must start with one of args, parent, claims, env, key in "/c/{query.id}"');
  });

  it('refuses empty braces', () => {
    expect(syntaxErrorOf('{}')).toBe('"{}" must start with one of args, parent, claims, env, key in "{}"');
  });

  it('refuses a root without a property path', () => {
    expect(syntaxErrorOf('{args}')).toBe('"{args}" needs a property path, e.g. {args.id}, in "{args}"');
  });

  it('refuses an empty property name in the path', () => {
    expect(syntaxErrorOf('{args..id}')).toBe('"{args..id}" needs a property path, e.g. {args.id}, in "{args..id}"');
  });

  it('refuses a property name that is not an identifier', () => {
    expect(syntaxErrorOf('{args.items.0}')).toBe('"{args.items.0}" needs a property path, e.g. {args.id}, in "{args.items.0}"');
  });
});

describe('templateExpressions', () => {
  it('lists the expressions of a template, without its literal text', () => {
    expect(templateExpressions(parseTemplate('/c/{args.id}/x/{parent.a.b}'))).toEqual([
      { root: 'args', path: ['id'] },
      { root: 'parent', path: ['a', 'b'] },
    ]);
  });
});
