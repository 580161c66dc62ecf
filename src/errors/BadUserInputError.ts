/** A caller-supplied value cannot be used to build an upstream request. */
export class BadUserInputError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'BadUserInputError';
  }
}
