/** Credentials were presented but cannot be accepted: the whole request is refused with 401. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}
