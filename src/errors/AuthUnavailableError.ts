import { GatewayError, type HttpRefusal } from './GatewayError';

const REFUSAL: HttpRefusal = { status: 503 };

/** Credentials cannot be checked right now (the key set endpoint is down): HTTP 503, retryable. */
export class AuthUnavailableError extends GatewayError {
  readonly code = 'AUTH_UNAVAILABLE';
  readonly retryable = true;

  override get http(): HttpRefusal {
    return REFUSAL;
  }
}
