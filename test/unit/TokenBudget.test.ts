import { createCacheStore } from '../../src/cache/createCacheStore';
import { budgetRetryAfterSeconds, budgetSubject, refillBudget, TokenBudget } from '../../src/connectors/inference/TokenBudget';
import { ANONYMOUS } from '../../src/auth/Caller';

const HOUR = 3_600_000;

describe('token budget arithmetic', () => {
  it('starts a caller it has not seen with a full hour’s budget', () => {
    expect(refillBudget(undefined, 1000, 5)).toEqual({ available: 1000, updatedAtMs: 5 });
  });

  it('refills continuously at the hourly rate, up to one hour’s budget', () => {
    expect(refillBudget({ available: -200, updatedAtMs: 0 }, 1200, HOUR / 4)).toEqual({ available: 100, updatedAtMs: HOUR / 4 });
    expect(refillBudget({ available: 900, updatedAtMs: 0 }, 1000, 2 * HOUR).available).toBe(1000);
    expect(refillBudget({ available: 10, updatedAtMs: 100 }, 1000, 50)).toEqual({ available: 10, updatedAtMs: 50 });
  });

  it('says how long until a spent bucket has tokens again', () => {
    expect(budgetRetryAfterSeconds({ available: 1, updatedAtMs: 0 }, 3600)).toBe(0);
    expect(budgetRetryAfterSeconds({ available: -120, updatedAtMs: 0 }, 3600)).toBe(120);
    expect(budgetRetryAfterSeconds({ available: -0.5, updatedAtMs: 0 }, 3600)).toBe(1);
    expect(budgetRetryAfterSeconds({ available: 0, updatedAtMs: 0 }, 3600)).toBe(1);
  });

  it('gives each subject its own budget and all anonymous callers one shared budget', () => {
    expect(budgetSubject({ ...ANONYMOUS, authenticated: true, subject: 'agent-7', via: 'token' })).toBe('subject:agent-7');
    expect(budgetSubject(ANONYMOUS)).toBe('anonymous');
  });
});

describe('TokenBudget', () => {
  const store = createCacheStore({ namespace: 'budget-test' });
  afterAll(() => store.close());

  it('admits calls while tokens are left, charges what they cost, and counts concurrent charges', async () => {
    let now = 0;
    const budget = new TokenBudget(store, 3600, () => now);
    expect(await budget.retryAfterSeconds('a')).toBe(0);
    await Promise.all([budget.charge('a', 2000), budget.charge('a', 1000), budget.charge('a', 700)]);
    expect(await budget.retryAfterSeconds('a')).toBe(100);
    expect(await budget.retryAfterSeconds('b')).toBe(0);
    now = 100_001;
    expect(await budget.retryAfterSeconds('a')).toBe(0);
  });
});
