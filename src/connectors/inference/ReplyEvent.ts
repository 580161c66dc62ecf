/** Tokens a streamed reply used, as its final event reports them. */
export interface ReplyEventUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/**
 * One event of a streamed `@inference` field: a piece of the model's text as it is written
 * (`delta`), then one final event with `done: true`, the validated answer (`reply`) and the tokens
 * used. The field's event type declares which of these it shows.
 */
export interface ReplyEvent {
  readonly delta: string | null;
  readonly done: boolean;
  readonly reply: unknown;
  readonly usage: ReplyEventUsage | null;
}

/** A streamed reply that failed: delivered as the last event, whose field resolves to this error. */
export class ReplyFailure {
  constructor(readonly error: unknown) {}
}
