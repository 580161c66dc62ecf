import type { AccessRequirement, AccessRule } from '../../src/auth/AccessRule';
import { checkAccess, describeRequirement } from '../../src/auth/checkAccess';
import { ANONYMOUS, type Caller } from '../../src/auth/Caller';
import { parseTemplate } from '../../src/templates/parseTemplate';

function caller(subject: string | undefined, scopes: readonly string[] = []): Caller {
  return {
    authenticated: true,
    subject,
    claims: subject === undefined ? {} : { sub: subject },
    scopes: new Set(scopes),
    via: 'token',
  };
}

function requirement(declaredOn: string, scopes: readonly (readonly string[])[], subjectEquals?: string): AccessRequirement {
  return { declaredOn, scopes, subjectEquals: subjectEquals === undefined ? undefined : parseTemplate(subjectEquals) };
}

function rule(...requirements: AccessRequirement[]): AccessRule {
  return { coordinate: 'Query.thing', requirements };
}

describe('checkAccess', () => {
  const orOfAnds = rule(requirement('Query.thing', [['a', 'b'], ['c']]));

  it('allows a caller holding every scope of one inner list (outer OR, inner AND)', () => {
    expect(checkAccess(orOfAnds, caller('u', ['a', 'b']), {})).toEqual({ allowed: true });
    expect(checkAccess(orOfAnds, caller('u', ['c']), {})).toEqual({ allowed: true });
    expect(checkAccess(orOfAnds, caller('u', ['a', 'b', 'c', 'z']), {})).toEqual({ allowed: true });
  });

  it('forbids a caller holding only part of every inner list', () => {
    for (const scopes of [['a'], ['b'], ['a', 'x'], []]) {
      expect(checkAccess(orOfAnds, caller('u', scopes), {})).toEqual({
        allowed: false,
        code: 'FORBIDDEN',
        requirement: orOfAnds.requirements[0],
      });
    }
  });

  it('answers UNAUTHENTICATED to an anonymous caller, even for a bare @authenticated', () => {
    expect(checkAccess(orOfAnds, ANONYMOUS, {})).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
    const authenticatedOnly = rule(requirement('Customer', []));
    expect(checkAccess(authenticatedOnly, ANONYMOUS, {})).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
    expect(checkAccess(authenticatedOnly, caller('u'), {})).toEqual({ allowed: true });
  });

  it('answers FORBIDDEN to an authenticated caller without the scope', () => {
    const scoped = rule(requirement('Query.orders', [['orders:read']]));
    expect(checkAccess(scoped, caller('agent', ['customers:read']), {})).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    expect(checkAccess(scoped, caller('agent', ['orders:read']), {})).toEqual({ allowed: true });
  });

  it('needs both the type requirement and the field requirement', () => {
    const typeLevel = requirement('Secret', [['secret:read']]);
    const fieldLevel = requirement('Secret.b', [['b:read']]);
    const both = rule(typeLevel, fieldLevel);
    expect(checkAccess(both, caller('u', ['secret:read', 'b:read']), {})).toEqual({ allowed: true });
    expect(checkAccess(both, caller('u', ['secret:read']), {})).toEqual({ allowed: false, code: 'FORBIDDEN', requirement: fieldLevel });
    expect(checkAccess(both, caller('u', ['b:read']), {})).toEqual({ allowed: false, code: 'FORBIDDEN', requirement: typeLevel });
    expect(checkAccess(both, ANONYMOUS, {})).toEqual({ allowed: false, code: 'UNAUTHENTICATED', requirement: typeLevel });
  });

  describe('@allowSubject', () => {
    const byArgs = rule(requirement('Query.customer', [['customers:read']], '{args.id}'));
    const byParent = rule(requirement('Order.customer', [['customers:read']], '{parent.customer_id}'));

    it('allows the caller whose subject equals {args.id}', () => {
      expect(checkAccess(byArgs, caller('1'), { args: { id: '1' } })).toEqual({ allowed: true });
    });

    it('allows the caller whose subject equals {parent.customer_id}, comparing as strings', () => {
      expect(checkAccess(byParent, caller('1'), { parent: { customer_id: '1' } })).toEqual({ allowed: true });
      expect(checkAccess(byParent, caller('7'), { parent: { customer_id: 7 } })).toEqual({ allowed: true });
    });

    it('forbids a different subject, a missing value and a caller without a subject', () => {
      expect(checkAccess(byArgs, caller('1'), { args: { id: '2' } })).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
      expect(checkAccess(byParent, caller('1'), { parent: { customer_id: '2' } })).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
      expect(checkAccess(byParent, caller('1'), { parent: {} })).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
      expect(checkAccess(byParent, caller('1'), { parent: { customer_id: null } })).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
      expect(checkAccess(byArgs, caller(undefined), { args: { id: '1' } })).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    });

    it('never lets an anonymous caller in, whatever the template renders to', () => {
      expect(checkAccess(byArgs, ANONYMOUS, { args: { id: '1' } })).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
      const onlySubject = rule(requirement('Query.customer', [], '{args.id}'));
      expect(checkAccess(onlySubject, ANONYMOUS, { args: { id: '' } })).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
    });

    it('still lets the scope in for any record', () => {
      expect(checkAccess(byArgs, caller('agent-7', ['customers:read']), { args: { id: '2' } })).toEqual({ allowed: true });
    });

    it('without scopes, admits only the subject', () => {
      const onlySubject = rule(requirement('Query.customer', [], '{args.id}'));
      expect(checkAccess(onlySubject, caller('1'), { args: { id: '1' } })).toEqual({ allowed: true });
      expect(checkAccess(onlySubject, caller('1', ['customers:read']), { args: { id: '2' } })).toMatchObject({
        allowed: false,
        code: 'FORBIDDEN',
      });
    });
  });

  describe('describeRequirement', () => {
    it('names the alternatives a caller can act on', () => {
      expect(describeRequirement(requirement('X', [['a', 'b'], ['c']]))).toBe('scopes a and b or scope c');
      expect(describeRequirement(requirement('X', [['customers:read']], '{args.id}'))).toBe(
        "scope customers:read or the caller's own record",
      );
      expect(describeRequirement(requirement('X', [], '{args.id}'))).toBe("the caller's own record");
      expect(describeRequirement(requirement('X', []))).toBe('an authenticated caller');
      expect(describeRequirement(requirement('X', [['orders:read'], ['orders:status']]))).toBe('scope orders:read or scope orders:status');
    });
  });
});
