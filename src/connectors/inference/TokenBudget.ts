import { cacheKey } from '../../cache/cacheKey';
import type { CacheStore } from '../../cache/CacheStore';
import type { Caller } from '../../auth/Caller';
import type { ConnectorRuntime } from '../Connector';

/** A caller's bucket of tokens, as stored. */
export interface BudgetState {
  /** Tokens that may still be spent; negative after a call cost more than was left. */
  readonly available: number;
  readonly updatedAtMs: number;
}

const HOUR_MS = 3_600_000;

/**
 * A token bucket holding at most an hour's budget and refilled continuously at that rate, so a
 * caller never waits for a window to turn over, and there is no boundary at which two hours'
 * budgets can be spent back to back. An unknown caller starts full. Pure.
 */
export function refillBudget(state: BudgetState | undefined, tokensPerHour: number, nowMs: number): BudgetState {
  if (state === undefined) return { available: tokensPerHour, updatedAtMs: nowMs };
  const elapsedMs = Math.max(0, nowMs - state.updatedAtMs);
  return { available: Math.min(tokensPerHour, state.available + (elapsedMs * tokensPerHour) / HOUR_MS), updatedAtMs: nowMs };
}

/** Seconds until a bucket has tokens again; 0 when it has some now. Pure. */
export function budgetRetryAfterSeconds(state: BudgetState, tokensPerHour: number): number {
  if (state.available > 0) return 0;
  return Math.max(1, Math.ceil((-state.available * HOUR_MS) / tokensPerHour / 1000));
}

/**
 * Who a budget belongs to: the token's or API key's subject; every anonymous caller shares one
 * budget, so public inference features can be given a bounded cost without an account each.
 */
export function budgetSubject(caller: Caller): string {
  return caller.subject === undefined ? 'anonymous' : `subject:${caller.subject}`;
}

const budgets = new WeakMap<ConnectorRuntime, TokenBudget>();

/**
 * The per-caller token budget of inference (INFERENCE_TOKEN_BUDGET_PER_HOUR), kept in the shared
 * cache, so it spans instances when the cache is Redis. A call is admitted while the caller's
 * bucket is above zero and charged what it cost once it has answered; calls admitted together can
 * therefore overshoot by what they cost, never more. Charges of one instance are serialised per
 * caller; between instances the read-modify-write can lose a concurrent charge (the budget is a
 * cost control, not billing).
 */
export class TokenBudget {
  readonly #pending = new Map<string, Promise<void>>();

  constructor(
    private readonly store: CacheStore,
    readonly tokensPerHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The runtime's budget, one per gateway; undefined when no budget is configured. */
  static of(runtime: ConnectorRuntime): TokenBudget | undefined {
    const limit = runtime.inferenceTokenBudgetPerHour;
    if (limit === undefined) return undefined;
    let budget = budgets.get(runtime);
    if (budget === undefined) {
      budget = new TokenBudget(runtime.cache, limit);
      budgets.set(runtime, budget);
    }
    return budget;
  }

  /** Seconds the subject must wait before inference is allowed again; 0 when it is allowed now. */
  async retryAfterSeconds(subject: string): Promise<number> {
    await this.#pending.get(subject);
    const state = refillBudget(await this.store.get<BudgetState>(this.#key(subject)), this.tokensPerHour, this.now());
    return budgetRetryAfterSeconds(state, this.tokensPerHour);
  }

  /** Takes what a call cost from the subject's bucket. */
  charge(subject: string, tokens: number): Promise<void> {
    if (tokens <= 0) return Promise.resolve();
    const previous = this.#pending.get(subject) ?? Promise.resolve();
    const next = previous.then(async () => {
      const key = this.#key(subject);
      const state = refillBudget(await this.store.get<BudgetState>(key), this.tokensPerHour, this.now());
      const available = state.available - tokens;
      // Kept until the bucket would be full again; a missing entry reads as a full bucket.
      const ttlSeconds = Math.ceil(((this.tokensPerHour - available) * HOUR_MS) / this.tokensPerHour / 1000);
      await this.store.set(key, { available, updatedAtMs: state.updatedAtMs }, Math.max(1, ttlSeconds));
    });
    this.#pending.set(subject, next);
    void next
      .catch(() => undefined)
      .then(() => {
        if (this.#pending.get(subject) === next) this.#pending.delete(subject);
      });
    return next;
  }

  #key(subject: string): string {
    return cacheKey('inference-budget', 'tokens', { kind: 'subject', subject });
  }
}
