import { GatewayError, type HttpRefusal } from './GatewayError';

const REFUSAL: HttpRefusal = { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } };

/** Credentials were presented but cannot be accepted: the whole request is refused with 401. */
export class AuthenticationError extends GatewayError {
  readonly code = 'UNAUTHENTICATED';
  readonly retryable = false;

  override get http(): HttpRefusal {
    return REFUSAL;
  }
}
