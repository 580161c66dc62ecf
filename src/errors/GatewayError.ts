import type { ErrorCode } from './ErrorCode';

/** Client-safe values an error may add to its `extensions`. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean>>;

/** How an error that refuses a whole request answers over HTTP. */
export interface HttpRefusal {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one error family of the gateway. Each subclass fixes its client-facing `code` and whether a
 * client may retry; `toGraphQLError` is the only place that turns them into GraphQL errors.
 * Messages are written for clients: never an upstream body, a URL's query or a secret.
 */
export abstract class GatewayError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly retryable: boolean;
  /** Client-safe details, e.g. a SOAP fault code or `retryAfterSeconds`. */
  readonly details: ErrorDetails;

  constructor(message: string, options: { cause?: unknown; details?: ErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details ?? {};
  }

  /** Set when the error refuses the whole request rather than one field. */
  get http(): HttpRefusal | undefined {
    return undefined;
  }

  /** What the client reads in `extensions`, besides `code`, `retryable` and `http`. */
  clientExtensions(): Record<string, string | number | boolean> {
    return { ...this.details };
  }
}
