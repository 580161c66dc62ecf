/** Query and rate limits, with defaults filled in (from the environment; see the README). */
export interface LimitsConfig {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxTokens: number;
  readonly maxCost: number;
  /** Cost points one caller may spend per window; 0 turns per-caller rate limiting off. */
  readonly rateLimitPoints: number;
  readonly rateLimitWindowSeconds: number;
}

export const LIMIT_DEFAULTS: LimitsConfig = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 5000,
  rateLimitPoints: 5000,
  rateLimitWindowSeconds: 60,
});
