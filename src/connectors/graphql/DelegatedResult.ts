/** An error the upstream reported inside one delegated field's value. */
export interface UpstreamFieldError {
  /** Where, relative to the field's value: `[1, "author"]`; empty for the field itself. */
  readonly path: readonly (string | number)[];
  /** The upstream's own `extensions.code`, when it is a plain identifier. */
  readonly upstreamCode: string | undefined;
}

/**
 * One delegated field's answer, as decoded (and cached when it has no errors): the upstream's
 * value, and the errors reported inside it. Plain JSON.
 */
export interface DelegatedResult {
  readonly data: unknown;
  readonly errors: readonly UpstreamFieldError[];
}
