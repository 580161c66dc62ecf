/** Credentials cannot be checked right now (the key set endpoint is down): HTTP 503, retryable. */
export class AuthUnavailableError extends Error {
  override readonly name = 'AuthUnavailableError';
}
