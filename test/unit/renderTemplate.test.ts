import { parseTemplate } from '../../src/templates/parseTemplate';
import { renderTemplate, type TemplateScope } from '../../src/templates/renderTemplate';

function render(source: string, scope: TemplateScope): unknown {
  return renderTemplate(parseTemplate(source), scope);
}

describe('renderTemplate', () => {
  describe('a template that is exactly one expression', () => {
    it('keeps a number a number', () => {
      expect(render('{args.first}', { args: { first: 20 } })).toBe(20);
    });

    it('keeps a list a list', () => {
      expect(render('{args.ids}', { args: { ids: [1, 2] } })).toEqual([1, 2]);
    });

    it('keeps a boolean a boolean', () => {
      expect(render('{args.flag}', { args: { flag: false } })).toBe(false);
    });

    it('reads a nested property', () => {
      expect(render('{parent.customer.id}', { parent: { customer: { id: 'c1' } } })).toBe('c1');
    });

    it('keeps null as null', () => {
      expect(render('{args.id}', { args: { id: null } })).toBeNull();
    });

    it('renders a missing value as undefined', () => {
      expect(render('{args.id}', { args: {} })).toBeUndefined();
    });

    it('renders a value below a non-object as missing', () => {
      expect(render('{args.id.x}', { args: { id: 5 } })).toBeUndefined();
    });

    it('renders an absent root as missing', () => {
      expect(render('{claims.sub}', { args: { sub: 'x' } })).toBeUndefined();
    });
  });

  describe('a mixed template', () => {
    it('renders to a string', () => {
      expect(render('/customers/{args.id}', { args: { id: 42 } })).toBe('/customers/42');
    });

    it('renders missing and null values as the empty string', () => {
      expect(render('a{args.x}b{args.y}c', { args: { y: null } })).toBe('abc');
    });

    it('writes an object value as JSON', () => {
      expect(render('filter={args.f}', { args: { f: { a: 1 } } })).toBe('filter={"a":1}');
    });

    it('renders two adjacent expressions as one string', () => {
      expect(render('{args.a}{args.b}', { args: { a: 1, b: 2 } })).toBe('12');
    });

    it('renders literal text alone unchanged', () => {
      expect(render('/products', {})).toBe('/products');
    });
  });
});
