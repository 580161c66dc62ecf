import { parseTemplate, templateExpressions } from '../../src/templates/parseTemplate';
import { scopeKey } from '../../src/templates/scopeKey';

const reads = templateExpressions(parseTemplate('/users/{parent.userId}/{args.kind}'));

describe('scopeKey', () => {
  it('is equal for scopes that read the same values, whatever else they hold', () => {
    expect(scopeKey(reads, { parent: { userId: 1, title: 'a' }, args: { kind: 'x' } })).toBe(
      scopeKey(reads, { parent: { userId: 1, title: 'b' }, args: { kind: 'x' } }),
    );
  });

  it('tells apart values that print alike but differ in type or framing', () => {
    const keys = [
      scopeKey(reads, { parent: { userId: 1 }, args: { kind: 'x' } }),
      scopeKey(reads, { parent: { userId: '1' }, args: { kind: 'x' } }),
      scopeKey(reads, { parent: { userId: null }, args: { kind: 'x' } }),
      scopeKey(reads, { parent: {}, args: { kind: 'x' } }),
      scopeKey(reads, { parent: { userId: '1s1:x' }, args: {} }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives no key when an expression reads an object or a list', () => {
    expect(scopeKey(reads, { parent: { userId: [1, 2] }, args: { kind: 'x' } })).toBeUndefined();
    expect(scopeKey(reads, { parent: { userId: { id: 1 } }, args: { kind: 'x' } })).toBeUndefined();
  });
});
