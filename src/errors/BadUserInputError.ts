import { GatewayError } from './GatewayError';

/** A caller-supplied value cannot be used to build an upstream request. */
export class BadUserInputError extends GatewayError {
  readonly code = 'BAD_USER_INPUT';
  readonly retryable = false;
}
