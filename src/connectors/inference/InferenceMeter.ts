import type { TokenUsage } from '../../execution/InferenceUsage';
import type { RequestContext } from '../../execution/RequestContext';
import { RateLimitedError } from '../../errors/RateLimitedError';
import type { ConnectorRuntime } from '../Connector';
import { budgetSubject, TokenBudget } from './TokenBudget';

/**
 * Where inference costs are enforced and counted, around every model call: the caller's budget
 * is checked before (a spent budget is RATE_LIMITED, and nothing is called), and what the call
 * used is added to `/metrics`, the request's `extensions.inference` and the caller's budget.
 */
export class InferenceMeter {
  readonly #budget: TokenBudget | undefined;

  constructor(
    private readonly runtime: ConnectorRuntime,
    private readonly source: string,
  ) {
    this.#budget = TokenBudget.of(runtime);
  }

  /** Throws `RateLimitedError` when the caller's token budget is spent. */
  async admit(context: RequestContext): Promise<void> {
    if (this.#budget === undefined) return;
    const retryAfterSeconds = await this.#budget.retryAfterSeconds(budgetSubject(context.caller));
    if (retryAfterSeconds > 0) {
      throw new RateLimitedError(
        this.source,
        `The caller's inference token budget is spent; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
        {
          extensions: { reason: 'token_budget' },
        },
      );
    }
  }

  async record(context: RequestContext, usage: TokenUsage): Promise<void> {
    for (const kind of ['prompt', 'completion', 'embedding'] as const) {
      if (usage[kind] > 0) this.runtime.metrics.inferenceTokens.inc({ source: this.source, kind }, usage[kind]);
    }
    context.audit.inference.spent(usage);
    await this.#budget?.charge(budgetSubject(context.caller), usage.prompt + usage.completion + usage.embedding);
  }
}
