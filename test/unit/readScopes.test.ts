import { readScopes } from '../../src/auth/readScopes';

const sorted = (scopes: Set<string>): string[] => [...scopes].sort();

describe('readScopes', () => {
  it('reads `scope` as a space-separated string', () => {
    expect(sorted(readScopes({ scope: 'orders:read customers:read' }))).toEqual(['customers:read', 'orders:read']);
    expect(sorted(readScopes({ scope: '  a   b ' }))).toEqual(['a', 'b']);
  });

  it('reads `scp` as an array', () => {
    expect(sorted(readScopes({ scp: ['orders:read', 'orders:status'] }))).toEqual(['orders:read', 'orders:status']);
  });

  it('reads `scp` as a space-separated string', () => {
    expect(sorted(readScopes({ scp: 'a b' }))).toEqual(['a', 'b']);
  });

  it('unites `scope` and `scp` when both are present, without duplicates', () => {
    expect(sorted(readScopes({ scope: 'a b', scp: ['b', 'c'] }))).toEqual(['a', 'b', 'c']);
  });

  it('ignores values that are not scope strings', () => {
    expect(sorted(readScopes({}))).toEqual([]);
    expect(sorted(readScopes({ scope: 42, scp: { a: true } }))).toEqual([]);
    expect(sorted(readScopes({ scope: null, scp: true }))).toEqual([]);
    expect(sorted(readScopes({ scp: ['ok', 1, null, { x: 1 }, '', ['nested']] }))).toEqual(['ok']);
    expect(sorted(readScopes({ scope: '' }))).toEqual([]);
  });

  it('does not read other claims', () => {
    expect(sorted(readScopes({ scopes: 'a', roles: ['admin'], permissions: 'b' }))).toEqual([]);
  });
});
