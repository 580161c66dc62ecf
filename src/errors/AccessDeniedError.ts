import { GatewayError } from './GatewayError';

/**
 * A field the caller may not read: UNAUTHENTICATED when it needs a signed-in caller and there is
 * none, FORBIDDEN when the caller lacks what its rule requires. The field is null; nothing was called.
 */
export class AccessDeniedError extends GatewayError {
  readonly retryable = false;

  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
  }
}
