import { GatewayError } from './GatewayError';

/** An upstream value could not be converted as its field's `@map` or `@money` declares. */
export class MappingError extends GatewayError {
  readonly code = 'UPSTREAM_BAD_RESPONSE';
  readonly retryable = false;
}
