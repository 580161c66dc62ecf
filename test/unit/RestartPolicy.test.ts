import { RestartPolicy } from '../../src/server/cluster/RestartPolicy';

const options = { baseDelayMs: 100, maxDelayMs: 1000, windowMs: 60_000, maxFailures: 5 };

describe('RestartPolicy', () => {
  it('replaces a lone death soon, and waits twice as long after each further one, up to the longest wait', () => {
    const policy = new RestartPolicy(options);
    expect([0, 1, 2, 3, 4].map((second) => policy.next(second * 1000))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('gives up past the most deaths allowed within the window', () => {
    const policy = new RestartPolicy(options);
    for (let death = 0; death < 5; death += 1) expect(policy.next(death)).toBeDefined();
    expect(policy.next(5)).toBeUndefined();
  });

  it('forgets deaths older than the window', () => {
    const policy = new RestartPolicy(options);
    for (let death = 0; death < 5; death += 1) policy.next(death * 1000);
    // The first four are more than a minute old by now; the fifth is not.
    expect(policy.next(63_500)).toBe(200);
    expect(policy.next(10 * 60_000)).toBe(100);
  });
});
