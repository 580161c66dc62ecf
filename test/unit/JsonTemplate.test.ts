import { jsonTemplateExpressions, parseJsonTemplate, renderJsonTemplate } from '../../src/templates/JsonTemplate';
import { TemplateSyntaxError } from '../../src/templates/parseTemplate';
import type { TemplateScope } from '../../src/templates/renderTemplate';
import { thrownBy } from './thrownBy';

function render(value: unknown, scope: TemplateScope): unknown {
  return renderJsonTemplate(parseJsonTemplate(value), scope);
}

describe('renderJsonTemplate', () => {
  it('keeps the type of a value that is exactly one expression', () => {
    expect(render({ orderId: '{args.id}', quantity: '{args.qty}' }, { args: { id: 'o1', qty: 3 } })).toEqual({
      orderId: 'o1',
      quantity: 3,
    });
  });

  it('renders a mixed string to a string', () => {
    expect(render({ note: 'order {args.id}' }, { args: { id: 7 } })).toEqual({ note: 'order 7' });
  });

  it('keeps number, boolean and null literals', () => {
    expect(render({ n: 1.5, b: true, z: null }, {})).toEqual({ n: 1.5, b: true, z: null });
  });

  it('renders nested objects and arrays', () => {
    expect(render({ lines: [{ sku: '{args.sku}' }, 'x'] }, { args: { sku: 'S1' } })).toEqual({ lines: [{ sku: 'S1' }, 'x'] });
  });

  it('omits object entries whose value is missing', () => {
    expect(render({ id: '{args.id}', note: '{args.note}' }, { args: { id: 1 } })).toStrictEqual({ id: 1 });
  });

  it('keeps an entry whose value is null', () => {
    expect(render({ note: '{args.note}' }, { args: { note: null } })).toStrictEqual({ note: null });
  });

  it('keeps an entry of a mixed string as the empty-filled string', () => {
    expect(render({ note: 'x{args.note}' }, { args: {} })).toStrictEqual({ note: 'x' });
  });

  it('renders a missing array item as null, keeping positions', () => {
    expect(render(['{args.a}', '{args.b}'], { args: { b: 2 } })).toStrictEqual([null, 2]);
  });
});

describe('parseJsonTemplate', () => {
  it('refuses a bad template string anywhere in the value', () => {
    const error = thrownBy(() => parseJsonTemplate({ lines: [{ sku: '{args.sku' }] }));
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error.message).toBe('unclosed "{" at offset 0 in "{args.sku"');
  });

  it('refuses a value that is not JSON', () => {
    const error = thrownBy(() => parseJsonTemplate(undefined));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('unsupported template value undefined');
  });
});

describe('jsonTemplateExpressions', () => {
  it('lists the expressions of every string, nested ones included', () => {
    expect(jsonTemplateExpressions(parseJsonTemplate({ a: '{args.a}', b: [1, { c: 'x{parent.c}' }] }))).toEqual([
      { root: 'args', path: ['a'] },
      { root: 'parent', path: ['c'] },
    ]);
  });
});
